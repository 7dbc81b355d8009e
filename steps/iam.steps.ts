import assert from 'node:assert/strict';
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { IamExamScene } from '../support/estates/exam/iam';
import { loadedOnFirstUse } from '../support/estates/exam/lazy';
import { iamControls } from '../support/rules/iam';
import { decisionFromWords, type Decision } from '../support/rules/iam/effective-permission';
import type { PostureWorld } from '../support/world';

/** @exam builders and evaluators: loaded when an @exam scenario first runs (an audit runs none). */
const exam = loadedOnFirstUse(() => require('../support/estates/exam/iam') as typeof import('../support/estates/exam/iam'));

defineParameterType({
  name: 'permissionDecision',
  regexp: /allowed|explicitly denied|implicitly denied/,
  transformer: (words: string): Decision => decisionFromWords(words),
});

Then('the root user has no active access keys', function (this: PostureWorld) {
  return this.assertControl(iamControls.rootNoAccessKeys);
});

Then('the root user has an MFA device', function (this: PostureWorld) {
  return this.assertControl(iamControls.rootMfa);
});

Then('neither the root password nor a root access key was used within iam.rootRecentUseDays', function (this: PostureWorld) {
  return this.assertControl(iamControls.rootNotUsed);
});

Then('the password policy requires at least iam.minimumPasswordLength characters', function (this: PostureWorld) {
  return this.assertControl(iamControls.passwordMinimumLength);
});

Then('the password policy remembers at least iam.passwordReusePrevention previous passwords', function (this: PostureWorld) {
  return this.assertControl(iamControls.passwordReusePrevention);
});

Then('every user with a console password has an MFA device', function (this: PostureWorld) {
  return this.assertControl(iamControls.consoleUsersMfa);
});

Then('no enabled password or active access key has gone unused for iam.unusedCredentialDays', function (this: PostureWorld) {
  return this.assertControl(iamControls.unusedCredentials);
});

Then('no user has more than one active access key', function (this: PostureWorld) {
  return this.assertControl(iamControls.oneActiveAccessKey);
});

Then('every active access key is younger than iam.keyRotationDays', function (this: PostureWorld) {
  return this.assertControl(iamControls.accessKeyRotation);
});

Then('no user has a managed or inline policy of its own', function (this: PostureWorld) {
  return this.assertControl(iamControls.permissionsThroughGroups);
});

Then('no attached customer policy or inline policy allows every action on every resource', function (this: PostureWorld) {
  return this.assertControl(iamControls.noFullAdminPolicies);
});

Then('a role holds the AWSSupportAccess policy', function (this: PostureWorld) {
  return this.assertControl(iamControls.supportRole);
});

Then('every instance in the audited regions carries an instance profile', function (this: PostureWorld) {
  return this.assertControl(iamControls.instanceRoles);
});

Then('an active IAM Access Analyzer analyzer exists in every audited region', function (this: PostureWorld) {
  return this.assertControl(iamControls.accessAnalyzer);
});

Then('no Lambda, Glue or EC2 service role holds an AWS full-access policy, except those accepted in the posture config', function (this: PostureWorld) {
  return this.assertControl(iamControls.serviceRoleLeastPrivilege);
});

Then('the identity policies of {string} leave {action} {permissionDecision}', function (this: PostureWorld, principal: string, action: string, decision: Decision) {
  return this.assertControl(iamControls.effectivePermission(principal, action, decision));
});

// @exam: scenes built in the scratch account of the run's sandbox

const scene = (world: PostureWorld): IamExamScene => {
  assert.ok(world.exam.iam, 'nothing was built in this scenario');
  return world.exam.iam;
};

Given('a user added to {int} groups in the sandbox account', async function (this: PostureWorld, count: number) {
  this.exam.iam = await exam().userInManyGroups(await this.sandbox(), count);
});

Then('AWS allows that user {int} groups and refuses the {int}th', async function (this: PostureWorld, quota: number, refused: number) {
  const verdict = await exam().groupLimitVerdict(await this.sandbox(), scene(this));
  await this.attachEvidence('group-limit', verdict);
  assert.equal(verdict.quota, quota, `the account summary's GroupsPerUserQuota is ${verdict.quota}`);
  // AWS refuses the call itself; the emulator stores it, and the check over the stored memberships says so.
  assert.equal(verdict.refusedByService + verdict.overBy, refused - quota, verdict.explanation);
});

Given('a user whose group allows s3:* and whose own policy denies s3:DeleteBucket', async function (this: PostureWorld) {
  this.exam.iam = await exam().userWithGroupAllowAndOwnDeny(await this.sandbox());
});

Then('for that user {action} is {permissionDecision}', async function (this: PostureWorld, action: string, expected: Decision) {
  const decision = await exam().decideForUser(await this.sandbox(), scene(this), action);
  await this.attachEvidence(`decision-${action.replace(':', '-')}`, decision);
  assert.equal(decision.decision, expected, decision.explanation);
});

Given('an instance launched with an instance profile whose role trusts ec2.amazonaws.com', async function (this: PostureWorld) {
  this.exam.iam = await exam().instanceWithRole(await this.sandbox());
});

When('a program on the instance asks for credentials, as the instance metadata service provides them', async function (this: PostureWorld) {
  scene(this).credentials = await exam().credentialsOnInstance(await this.sandbox(), scene(this));
});

Then('it receives temporary credentials for the role, with a session token and an expiry', async function (this: PostureWorld) {
  const credentials = scene(this).credentials;
  await this.attachEvidence('instance-credentials', { instance: scene(this).instance, credentials });
  assert.deepEqual({ prefix: credentials?.accessKeyIdPrefix, sessionToken: credentials?.hasSessionToken }, { prefix: 'ASIA', sessionToken: true }, 'temporary credentials have an ASIA key id and a session token');
  assert.ok(credentials?.expiresAt && Date.parse(credentials.expiresAt) > Date.now(), `the session expires (${credentials?.expiresAt})`);
});

Then("the instance's user data holds no access key", async function (this: PostureWorld) {
  const userData = await exam().instanceUserData(await this.sandbox(), scene(this));
  await this.attachEvidence('instance-user-data', { instance: scene(this).instance?.instanceId, userData });
  assert.ok(userData.length > 0 && !exam().looksLikeStoredKey(userData), 'the user data runs the program and stores no key');
});

Then('no server certificate stored in IAM has expired', function (this: PostureWorld) {
  return this.assertControl(iamControls.expiredServerCertificates);
});
