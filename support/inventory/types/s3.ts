import type { Collected, Readable } from '../collected';

/** The four Block Public Access settings (account level in S3 Control, bucket level in S3). */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export const PUBLIC_ACCESS_BLOCK_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export interface AclGrant {
  granteeType: string; // CanonicalUser | Group | AmazonCustomerByEmail
  granteeUri?: string; // e.g. http://acs.amazonaws.com/groups/global/AllUsers
  granteeId?: string;
  permission: string;
}

export interface ObjectAcl {
  key: string;
  grants: AclGrant[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

export interface EncryptionRule {
  algorithm: string; // AES256 | aws:kms | aws:kms:dsse
  kmsKeyId?: string;
}

export interface BucketFacts {
  name: string;
  arn: string;
  region: Collected<string>;
  publicAccessBlock: Collected<PublicAccessBlock | null>;
  policy: Collected<PolicyDocument | null>;
  /** BucketOwnerEnforced disables ACLs; read only for buckets that hold objects (it decides their object ACLs). */
  ownership: Readable<string | null>;
  acl: Collected<AclGrant[]>;
  /** Skipped where ACLs are disabled (BucketOwnerEnforced): no object ACL can take effect. */
  objectAcls: Readable<{ objects: ObjectAcl[]; truncated: boolean }>;
  encryption: Collected<EncryptionRule[] | null>;
  /** Only the trail bucket's versioning decides a verdict: read by the logging collector, skipped here. */
  versioning: Readable<{ status: string | null; mfaDelete: string | null }>;
  logging: Collected<{ targetBucket: string; targetPrefix: string } | null>;
  /** Read only when a selected control reads website configuration (none today). */
  website: Readable<{ indexDocument?: string } | null>;
}

export interface S3Inventory {
  account: string;
  accountPublicAccessBlock: Collected<PublicAccessBlock | null>;
  buckets: Collected<BucketFacts[]>;
}
