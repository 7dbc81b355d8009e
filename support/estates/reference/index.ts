import type { EstatePart } from '../estate';
import { organizationsReference } from './organizations';
import { iamInstanceRolesReference, iamReference } from './iam';
import { s3Reference } from './s3';
import { networkReference } from './network';
import { loggingReference } from './logging';
import { proxyReference } from './proxy';
import { ec2Reference, sitesReference } from './sites';
import { storageReference } from './storage';
import { ec2SettingsReference } from './ec2-settings';

/** The compliant landing zone: every scenario passes on it. Order matters (organization first). */
export const referenceEstate: readonly EstatePart[] = [organizationsReference, iamReference, s3Reference, networkReference, loggingReference, proxyReference, iamInstanceRolesReference, storageReference, ec2SettingsReference, sitesReference, ec2Reference];
