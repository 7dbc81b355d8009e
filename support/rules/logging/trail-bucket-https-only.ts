import type { Control } from '../control';
import { denyInsecureTransport } from '../s3/deny-insecure-transport';
import type { RuleMeta } from '../types';
import { evaluateTrailBuckets, s3ViewOf } from './trail-bucket';

export const meta: RuleMeta = {
  id: 'logging.trail-bucket-https-only',
  title: 'The CloudTrail bucket denies plain HTTP',
  domain: 'logging',
  severity: 'medium',
  rationale: 'Log files read or written over plain HTTP can be read or altered on the way; only a Deny on aws:SecureTransport = false refuses such requests.',
  remediation: 'Add {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}} to the trail bucket policy.',
};

export const trailBucketHttpsOnly: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, context) {
    return evaluateTrailBuckets(inventory, context, (bucket) => denyInsecureTransport.evaluate(s3ViewOf(bucket, context.account), context));
  },
};
