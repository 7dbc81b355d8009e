import { configDeliveryChannel, configRecordsAllTypes, configRecording } from './config-recorder';
import { keyRotation } from './key-rotation';
import { trailKeyPolicy } from './key-policy';
import { trailKmsEncryption } from './kms-encryption';
import { logFileValidation } from './log-file-validation';
import { memberProtectionControl } from './member-protection';
import { memberVisibility } from './member-visibility';
import { organizationTrail } from './organization-trail';
import { trailBucketAccessLogging } from './trail-bucket-access-logging';
import { trailBucketHttpsOnly } from './trail-bucket-https-only';
import { trailBucketNotPublic } from './trail-bucket-not-public';
import { trailBucketKeepsLogs } from './trail-bucket-retention';
import { vpcFlowLogs } from './vpc-flow-logs';
import { s3ReadDataEvents, s3WriteDataEvents } from './s3-data-events';
import { securityHubEnabled } from './security-hub';

export const loggingControls = {
  organizationTrail,
  memberVisibility,
  memberProtection: memberProtectionControl,
  logFileValidation,
  trailKmsEncryption,
  trailKeyPolicy,
  keyRotation,
  trailBucketNotPublic,
  trailBucketHttpsOnly,
  trailBucketKeepsLogs,
  trailBucketAccessLogging,
  configRecordsAllTypes,
  configRecording,
  configDeliveryChannel,
  vpcFlowLogs,
  s3WriteDataEvents,
  s3ReadDataEvents,
  securityHubEnabled,
};
