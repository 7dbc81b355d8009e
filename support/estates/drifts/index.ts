import type { Drift } from '../estate';
import { organizationsDrifts } from './organizations';
import { s3Drifts } from './s3';
import { iamDrifts } from './iam';
import { networkDrifts } from './network';
import { loggingDrifts } from './logging';
import { proxyDrifts } from './proxy';
import { storageDrifts } from './storage';

/** Every named drift; each breaks exactly the scenarios it lists. */
export const drifts: readonly Drift[] = [...organizationsDrifts, ...iamDrifts, ...s3Drifts, ...networkDrifts, ...loggingDrifts, ...proxyDrifts, ...storageDrifts];
