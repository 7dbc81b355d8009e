import type { Collected } from '../collected';
import type { OrganizationsInventory } from './organizations';
import type { BucketFacts, PolicyDocument, PublicAccessBlock } from './s3';

/** A KMS key as the rules weigh it: who manages it, what it is, whether it rotates and what its policy allows. */
export interface KeyFacts {
  keyId: string;
  arn: string;
  region: string;
  manager: string; // CUSTOMER | AWS
  spec: string; // SYMMETRIC_DEFAULT | RSA_2048 | ...
  usage: string; // ENCRYPT_DECRYPT | SIGN_VERIFY | ...
  state: string; // Enabled | Disabled | PendingDeletion | ...
  origin: string; // AWS_KMS | EXTERNAL | AWS_CLOUDHSM
  /** null: no rotation status for this key (asymmetric, HMAC, imported, or pending deletion). */
  rotationEnabled: Collected<boolean | null>;
  policy: Collected<PolicyDocument | null>;
}

export interface ObjectLockFacts {
  enabled: boolean;
  mode: string | null; // GOVERNANCE | COMPLIANCE
  days: number | null;
  years: number | null;
}

/** The bucket a trail delivers to: the S3 inventory's facts plus what only logging asks (Object Lock). */
export interface TrailBucketFacts {
  name: string;
  /** null: the bucket is not in the audited account (e.g. a central log-archive account). */
  facts: BucketFacts | null;
  accountPublicAccessBlock: Collected<PublicAccessBlock | null>;
  objectLock: Collected<ObjectLockFacts | null>;
}

export interface EventSelectorFacts {
  /** Classic selectors: ReadWriteType and whether management events are included. */
  classic: { readWriteType: string; includeManagementEvents: boolean }[];
  /** Advanced selectors that select management events (eventCategory = Management). */
  advancedManagement: boolean;
  advancedCount: number;
  /** Data-event selection as configured (CIS 3.8/3.9: S3 object-level reads and writes). */
  data?: DataEventSelection;
}

/** Classic DataResources per selector, and advanced selectors' field conditions, as CloudTrail returns them. */
export interface DataEventSelection {
  classic: { readWriteType: string; dataResources: { type: string; values: string[] }[] }[];
  advanced: { name: string | null; fields: AdvancedField[] }[];
}

export interface AdvancedField {
  field: string;
  equals?: string[];
  startsWith?: string[];
  endsWith?: string[];
  notEquals?: string[];
  notStartsWith?: string[];
  notEndsWith?: string[];
}

/** A trail as seen from one region; a multi-region trail appears in every region (a shadow outside home). */
export interface TrailFacts {
  name: string;
  arn: string;
  homeRegion: string;
  /** The account that owns the trail (from its ARN). */
  owner: string;
  isOrganizationTrail: boolean;
  isMultiRegion: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidation: boolean;
  kmsKeyId: string | null;
  s3BucketName: string | null;
  status: Collected<{ isLogging: boolean; latestDeliveryError: string | null }>;
  /**
   * Read only in the trail's home region and only by its owner (details are not repeated for shadow
   * trails, nor read by a member account that sees the organization trail).
   */
  home: {
    eventSelectors: Collected<EventSelectorFacts>;
    key: Collected<KeyFacts | null>;
    bucket: Collected<TrailBucketFacts | null>;
  } | null;
}

export interface RecorderFacts {
  name: string;
  roleArn: string | null;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  strategy: string | null; // ALL_SUPPORTED_RESOURCE_TYPES | INCLUSION_BY_RESOURCE_TYPES | EXCLUSION_BY_RESOURCE_TYPES
  resourceTypes: string[];
}

export interface RecorderStatusFacts {
  name: string;
  recording: boolean;
  lastStatus: string | null;
  lastErrorCode: string | null;
}

export interface DeliveryChannelFacts {
  name: string;
  s3BucketName: string | null;
  s3KeyPrefix: string | null;
  snsTopicArn: string | null;
  frequency: string | null;
}

export interface ConfigServiceFacts {
  recorders: Collected<RecorderFacts[]>;
  statuses: Collected<RecorderStatusFacts[]>;
  deliveryChannels: Collected<DeliveryChannelFacts[]>;
  retentionDays: Collected<number | null>; // null: the default (7 years)
}

/** Audit logging in one (account, region): CloudTrail, KMS keys, AWS Config. */
export interface LoggingInventory {
  account: string;
  region: string;
  trails: Collected<TrailFacts[]>;
  /** Every key in this region (CIS 3.6 asks about all customer-managed symmetric keys). */
  keys: Collected<KeyFacts[]>;
  config: ConfigServiceFacts;
  /** The organizations inventory (read once per run): management account, members and their SCPs. */
  organizations: OrganizationsInventory;
}
