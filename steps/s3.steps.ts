import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { S3ExamScene } from '../support/estates/exam/s3';
import { loadedOnFirstUse } from '../support/estates/exam/lazy';
import type { PublicAccessBlock } from '../support/inventory/types/s3';
import { s3Controls } from '../support/rules/s3';
import type { PostureWorld } from '../support/world';

/** @exam builders and evaluators: loaded when an @exam scenario first runs (an audit runs none). */
const exam = loadedOnFirstUse(() => require('../support/estates/exam/s3') as typeof import('../support/estates/exam/s3'));

Then("the account's S3 Block Public Access has all four settings on", function (this: PostureWorld) {
  return this.assertControl(s3Controls.accountBlockPublicAccess);
});

Then('every bucket has all four Block Public Access settings in effect', function (this: PostureWorld) {
  return this.assertControl(s3Controls.bucketBlockPublicAccess);
});

Then('no bucket policy allows everyone, except the public websites in the posture config', function (this: PostureWorld) {
  return this.assertControl(s3Controls.bucketPolicyNotPublic);
});

Then('no bucket ACL or object ACL grants access to AllUsers or AuthenticatedUsers', function (this: PostureWorld) {
  return this.assertControl(s3Controls.noPublicAcls);
});

Then('every bucket policy denies requests where aws:SecureTransport is false', function (this: PostureWorld) {
  return this.assertControl(s3Controls.denyInsecureTransport);
});

Then('every bucket has default encryption at rest', function (this: PostureWorld) {
  return this.assertControl(s3Controls.defaultEncryption);
});

Then('every bucket shared by presigned URL holds no public grant and blocks public access', function (this: PostureWorld) {
  return this.assertControl(s3Controls.presignedSharingPrivate);
});

Then('every bucket delivers its server access logs to a different bucket', function (this: PostureWorld) {
  return this.assertControl(s3Controls.accessLogging);
});

// @exam: scenes built in the scratch account of the run's sandbox

const scene = (world: PostureWorld): S3ExamScene => {
  assert.ok(world.exam.s3, 'no bucket was built in this scenario');
  return world.exam.s3;
};

Given('a bucket holding a private object, with no bucket policy', async function (this: PostureWorld) {
  this.exam.s3 = await exam().bucketWithObject(await this.sandbox(), { objectAcl: 'private' });
});

Given('a bucket whose policy allows everyone s3:GetObject on its objects', async function (this: PostureWorld) {
  this.exam.s3 = await exam().bucketWithObject(await this.sandbox(), { publicReadPolicy: true });
});

Given('an object uploaded with the public-read ACL, as s3fs with default_acl=public-read writes it', async function (this: PostureWorld) {
  this.exam.s3 = await exam().bucketWithObject(await this.sandbox(), { objectAcl: 'public-read' });
});

When('the bucket turns on {word}', async function (this: PostureWorld, setting: string) {
  await exam().turnOnBucketSetting(await this.sandbox(), scene(this), setting as keyof PublicAccessBlock);
});

When('an anonymous client asks for the object', async function (this: PostureWorld) {
  scene(this).anonymousStatus = await exam().requestAnonymously(await this.sandbox(), scene(this));
});

Then('S3 answers with HTTP status {int}', function (this: PostureWorld, status: number) {
  assert.equal(scene(this).anonymousStatus, status, `S3 answered ${scene(this).anonymousStatus}`);
});

Then('the access evaluator decides {word} by {string}', async function (this: PostureWorld, decision: string, by: string) {
  const verdict = await exam().decideAnonymousRead(await this.sandbox(), scene(this));
  await this.attachEvidence('anonymous-read-decision', { scene: scene(this), verdict });
  assert.deepEqual({ decision: verdict.decision, by: verdict.by }, { decision, by }, verdict.explanation);
});

When('the holder of a presigned URL for the object asks for it', async function (this: PostureWorld) {
  scene(this).anonymousStatus = await exam().requestWithPresignedUrl(await this.sandbox(), scene(this));
});

Then('the presigner signs a URL that expires in {int} seconds', async function (this: PostureWorld, seconds: number) {
  const refusal = await exam().presignedUrlRefusal(await this.sandbox(), scene(this), seconds);
  assert.equal(refusal, undefined, `the presigner refused: ${refusal}`);
});

Then('the presigner refuses a URL that expires in {int} seconds', async function (this: PostureWorld, seconds: number) {
  const refusal = await exam().presignedUrlRefusal(await this.sandbox(), scene(this), seconds);
  await this.attachEvidence('presigner-refusal', { expiresIn: seconds, refusal });
  assert.ok(refusal, `the presigner signed a URL that expires in ${seconds} seconds`);
});
