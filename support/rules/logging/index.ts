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
};
