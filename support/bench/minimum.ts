import type { LargeEstateShape } from '../estates/large';

/**
 * The documented minimum number of calls an audit of estate L needs with every control selected (the
 * README's "Reads each control needs" table, priced for this estate). Per-resource reads are counted
 * from the estate's shape; reads made once per account or region (listings and their pages, account
 * settings) are taken as the audit made them, once each — they do not grow with the estate.
 */
export interface MinimumCalls {
  perResource: Record<string, number>;
  perResourceTotal: number;
}

/** S3 reads every bucket needs for today's controls (see README, Performance). */
export const S3_READS_PER_BUCKET = ['GetBucketPublicAccessBlock', 'GetBucketPolicy', 'GetBucketAcl', 'GetBucketEncryption', 'GetBucketLogging', 'ListObjectsV2'] as const;

/** Estate L's buckets hold no objects: no Object Ownership or object ACL read is needed for them. */
export function minimumCalls(shape: LargeEstateShape): MinimumCalls {
  const perResource: Record<string, number> = {};
  for (const read of S3_READS_PER_BUCKET) perResource[`s3 ${read}`] = shape.buckets;
  // IAM user facts (password, MFA, keys, their use) come from the credential report: nothing per user.
  // EC2 (VPCs, subnets, groups, NACLs, instances): one listing per region, nothing per resource.
  return { perResource, perResourceTotal: Object.values(perResource).reduce((a, b) => a + b, 0) };
}

/** Operations whose count grows with the estate; everything else is a once-per-scope read. */
export function isPerResource(operation: string): boolean {
  return /^s3 (Get|Head)(Bucket|Object)|^s3 ListObjectsV2|^iam (GetLoginProfile|ListAccessKeys|GetAccessKeyLastUsed|ListMFADevices)/.test(operation);
}
