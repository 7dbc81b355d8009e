import assert from 'node:assert/strict';
import { Given, Then } from '@cucumber/cucumber';
import type { LoggingExamScene } from '../support/estates/exam/logging';
import { loadedOnFirstUse } from '../support/estates/exam/lazy';
import { loggingControls } from '../support/rules/logging';
import type { PostureWorld } from '../support/world';

/** @exam builders and evaluators: loaded when an @exam scenario first runs (an audit runs none). */
const exam = loadedOnFirstUse(() => require('../support/estates/exam/logging') as typeof import('../support/estates/exam/logging'));

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

// @exam: scenes built in the scratch account of the run's sandbox

const scene = (world: PostureWorld): LoggingExamScene => {
  assert.ok(world.exam.logging, 'no trail was built in this scenario');
  return world.exam.logging;
};

Given('a trail created without a KMS key', async function (this: PostureWorld) {
  this.exam.logging = await exam().examTrail(await this.sandbox(), { withKey: false });
});

Given('a trail created with a customer-managed KMS key', async function (this: PostureWorld) {
  this.exam.logging = await exam().examTrail(await this.sandbox(), { withKey: true });
});

Given(/^an organization with (\d+) new member accounts? and an organization trail created in the management account$/, async function (this: PostureWorld, count: string) {
  this.exam.logging = await exam().organizationWithTrail(await this.sandbox(), Number(count));
});

Then("the trail's log files are encrypted with {word}", async function (this: PostureWorld, expected: string) {
  const decision = await exam().decideLogEncryption(await this.sandbox(), scene(this));
  await this.attachEvidence('log-file-encryption', decision);
  assert.equal(decision.encryption, expected, decision.explanation);
});

Then('every member account of the organization is covered by the organization trail', async function (this: PostureWorld) {
  const coverage = await exam().decideMemberCoverage(await this.sandbox(), scene(this));
  await this.attachEvidence('organization-trail-coverage', coverage);
  assert.ok(coverage.members.length >= Math.max(1, scene(this).members.length), 'the organization lists fewer members than were created');
  assert.deepEqual(coverage.uncovered, [], 'members not covered');
});

Then('no member account has a trail of its own', async function (this: PostureWorld) {
  const coverage = await exam().decideMemberCoverage(await this.sandbox(), scene(this));
  assert.deepEqual(coverage.ownTrails, [], 'member accounts with trails of their own');
});

Then('a member account is refused {action}, {action} and {action} on the organization trail', async function (this: PostureWorld, a: string, b: string, c: string) {
  const changes = await exam().decideMemberChanges(await this.sandbox(), scene(this), [a, b, c]);
  await this.attachEvidence('member-trail-changes', changes);
  assert.deepEqual(changes.allowed, [], changes.explanation);
});

Then('every VPC in the audited regions has an active flow log of traffic type REJECT or ALL', function (this: PostureWorld) {
  return this.assertControl(loggingControls.vpcFlowLogs);
});

Then('a multi-region trail records S3 object-level write events for all buckets', function (this: PostureWorld) {
  return this.assertControl(loggingControls.s3WriteDataEvents);
});

Then('a multi-region trail records S3 object-level read events for all buckets', function (this: PostureWorld) {
  return this.assertControl(loggingControls.s3ReadDataEvents);
});

Then('AWS Security Hub is enabled in every audited region', function (this: PostureWorld) {
  return this.assertControl(loggingControls.securityHubEnabled);
});
