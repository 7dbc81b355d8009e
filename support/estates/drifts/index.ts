import type { Drift } from '../estate';
import { organizationsDrifts } from './organizations';
import { s3Drifts } from './s3';
import { iamDrifts } from './iam';
import { networkDrifts } from './network';
import { loggingDrifts } from './logging';
import { proxyDrifts } from './proxy';
import { sitesDrifts } from './sites';
import { ec2Drifts } from './ec2';
import { storageDrifts } from './storage';

/** Every named drift; each makes exactly the controls it lists non-compliant. */
export const drifts: readonly Drift[] = [...organizationsDrifts, ...iamDrifts, ...s3Drifts, ...networkDrifts, ...loggingDrifts, ...proxyDrifts, ...sitesDrifts, ...ec2Drifts, ...storageDrifts];
