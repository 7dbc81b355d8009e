import type { EstatePart } from '../estate';
import { organizationsDemo } from './organizations';
import { s3Demo } from './s3';
import { loggingDemo } from './logging';
import { networkDemo } from './network';
import { iamDemo } from './iam';
import { proxyDemo } from './proxy';
import { sitesDemo } from './sites';
import { ec2Demo } from './ec2';

/** The estate as popular tutorials leave it. */
export const demoEstate: readonly EstatePart[] = [organizationsDemo, iamDemo, s3Demo, networkDemo, loggingDemo, proxyDemo, sitesDemo, ec2Demo];
