import { collected, notCollected, skipped } from '../../support/inventory/collected';
import type { BucketFacts, PublicAccessBlock, S3Inventory } from '../../support/inventory/types/s3';

export const ALL_ON: PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
export const ALL_OFF: PublicAccessBlock = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

export const denyHttp = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny' as const,
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** A bucket that satisfies every S3 control; cases override one fact at a time. */
export function bucket(name: string, overrides: Partial<BucketFacts> = {}): BucketFacts {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: collected('us-east-1'),
    publicAccessBlock: collected(ALL_ON),
    policy: collected({ Version: '2012-10-17', Statement: [denyHttp(name)] }),
    ownership: collected('BucketOwnerEnforced'),
    acl: collected([{ granteeType: 'CanonicalUser', granteeId: 'owner', permission: 'FULL_CONTROL' }]),
    objectAcls: collected({ objects: [], truncated: false }),
    encryption: collected([{ algorithm: 'AES256' }]),
    versioning: collected({ status: 'Enabled', mfaDelete: null }),
    logging: collected({ targetBucket: `${name}-logs`, targetPrefix: `${name}/` }),
    website: collected(null),
    ...overrides,
  };
}

export function inventory(buckets: BucketFacts[], accountBlock: PublicAccessBlock | null = ALL_ON): S3Inventory {
  return { account: '111122223333', accountPublicAccessBlock: collected(accountBlock), buckets: collected(buckets) };
}

export const unreadableBuckets = (): S3Inventory => ({
  account: '111122223333',
  accountPublicAccessBlock: collected(ALL_ON),
  buckets: notCollected('S3 ListBuckets: AccessDenied (Access Denied)'),
});

export { collected, notCollected, skipped };
