import type { Control } from '../control';
import { bucketBlockPublicAccess } from '../s3/bucket-block-public-access';
import { bucketPolicyNotPublic } from '../s3/bucket-policy-not-public';
import { noPublicAcls } from '../s3/no-public-acls';
import { combineResults, type RuleMeta } from '../types';
import { evaluateTrailBuckets, s3ViewOf } from './trail-bucket';

export const meta: RuleMeta = {
  id: 'logging.trail-bucket-not-public',
  title: 'The CloudTrail bucket is not public',
  domain: 'logging',
  severity: 'critical',
  rationale: 'CloudTrail logs map your whole estate (who called what, from where). The bucket must have Block Public Access in effect, no policy statement and no ACL grant for everyone.',
  remediation: 'Turn on all four Block Public Access settings on the bucket, remove Principal "*" Allow statements and public ACL grants; keep only the cloudtrail.amazonaws.com delivery statements.',
};

export const trailBucketNotPublic: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, context) {
    // A trail bucket is never a public website: the website exemption of the S3 controls does not apply.
    const strict = { ...context, config: { ...context.config, s3: { ...context.config.s3, publicWebsiteBuckets: [] } } };
    return evaluateTrailBuckets(inventory, strict, (bucket) => {
      const view = s3ViewOf(bucket, context.account);
      return combineResults([bucketBlockPublicAccess, bucketPolicyNotPublic, noPublicAcls].map((control) => control.evaluate(view, strict)));
    });
  },
};
