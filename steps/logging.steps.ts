import { Then } from '@cucumber/cucumber';
import { loggingControls } from '../support/rules/logging';
import type { PostureWorld } from '../support/world';

Then('an organization trail that is multi-region, records global service events and is logging is seen in every audited region', function (this: PostureWorld) {
  return this.assertControl(loggingControls.organizationTrail);
});

Then('every ACTIVE member account of the organization sees the organization trail', function (this: PostureWorld) {
  return this.assertControl(loggingControls.memberVisibility);
});

Then('the service control policies deny a member administrator cloudtrail:StopLogging and cloudtrail:DeleteTrail on the organization trail', function (this: PostureWorld) {
  return this.assertControl(loggingControls.memberProtection);
});

Then('every trail has log file validation enabled', function (this: PostureWorld) {
  return this.assertControl(loggingControls.logFileValidation);
});

Then('every trail encrypts its log files with an enabled customer-managed KMS key', function (this: PostureWorld) {
  return this.assertControl(loggingControls.trailKmsEncryption);
});

Then("the key policy of every trail's KMS key lets cloudtrail.amazonaws.com encrypt only for that trail", function (this: PostureWorld) {
  return this.assertControl(loggingControls.trailKeyPolicy);
});

Then('every enabled customer-managed symmetric KMS key has automatic rotation on', function (this: PostureWorld) {
  return this.assertControl(loggingControls.keyRotation);
});

Then('the bucket of every trail has Block Public Access in effect and no public policy or ACL', function (this: PostureWorld) {
  return this.assertControl(loggingControls.trailBucketNotPublic);
});

Then('the bucket policy of every trail denies requests where aws:SecureTransport is false', function (this: PostureWorld) {
  return this.assertControl(loggingControls.trailBucketHttpsOnly);
});

Then('the bucket of every trail has versioning with Object Lock or MFA delete', function (this: PostureWorld) {
  return this.assertControl(loggingControls.trailBucketKeepsLogs);
});

Then('the bucket of every trail delivers server access logs to a different bucket', function (this: PostureWorld) {
  return this.assertControl(loggingControls.trailBucketAccessLogging);
});

Then('in every audited region an AWS Config recorder records all supported resource types including global ones', function (this: PostureWorld) {
  return this.assertControl(loggingControls.configRecordsAllTypes);
});

Then('in every audited region the AWS Config recorder is recording', function (this: PostureWorld) {
  return this.assertControl(loggingControls.configRecording);
});

Then('in every audited region AWS Config has a delivery channel to an S3 bucket', function (this: PostureWorld) {
  return this.assertControl(loggingControls.configDeliveryChannel);
});
