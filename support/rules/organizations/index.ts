import { allFeatures } from './all-features';
import { scpAllowsTakeEffect } from './allows-take-effect';
import { noScpLockout } from './lockout-guard';
import { scpEnabled } from './scp-enabled';
import { scpLimit } from './scp-limit';

export const organizationsControls = { allFeatures, scpEnabled, noScpLockout, scpAllowsTakeEffect, scpLimit };
