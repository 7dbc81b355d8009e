import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ExamCaller, OrganizationsExamScene } from '../support/estates/exam/organizations';
import { loadedOnFirstUse } from '../support/estates/exam/lazy';
import { organizationsControls } from '../support/rules/organizations';
import type { PostureWorld } from '../support/world';

/** @exam builders and evaluators: loaded when an @exam scenario first runs (an audit runs none). */
const exam = loadedOnFirstUse(() => require('../support/estates/exam/organizations') as typeof import('../support/estates/exam/organizations'));

Then('the account belongs to an organization with all features enabled', function (this: PostureWorld) {
  return this.assertControl(organizationsControls.allFeatures);
});

Then('the SERVICE_CONTROL_POLICY type is enabled on the organization root', function (this: PostureWorld) {
  return this.assertControl(organizationsControls.scpEnabled);
});

Then('every member account has an SCP with an Allow at each level from the root to the account', function (this: PostureWorld) {
  return this.assertControl(organizationsControls.noScpLockout);
});

Then('every action an SCP allows is allowed at every other level from the root to the account', function (this: PostureWorld) {
  return this.assertControl(organizationsControls.scpAllowsTakeEffect);
});

Then('in {string}, {string} calling {string} in {string} is {word} by the SCPs', function (this: PostureWorld, scope: string, principal: string, action: string, region: string, expected: string) {
  return this.assertControl(organizationsControls.scpLimit({ scope, principal, action, region, expected }));
});

// @exam: an organization built in the run's scratch account, read back and decided by the permission evaluator

const scene = (world: PostureWorld): OrganizationsExamScene => {
  assert.ok(world.exam.organizations, 'no scratch organization was built in this scenario');
  return world.exam.organizations;
};

Given('a scratch organization whose root denies config:StopConfigurationRecorder and every region but eu-west-1', async function (this: PostureWorld) {
  this.exam.organizations = await exam().scratchOrganization(await this.sandbox());
});

const ask = (caller: ExamCaller) =>
  async function (this: PostureWorld, action: string, region: string) {
    await exam().decideExamRequest(await this.sandbox(), scene(this), caller, action, region);
  };

When('the service-linked role of AWS Config in a member account calls {action} in {region}', ask('service-linked role'));
When('an administrator of the management account calls {action} in {region}', ask('management administrator'));
When('a role of a member account with no identity policy calls {action} in {region}', ask('role without policies'));
When('an EC2 instance role of a member account, allowed ec2:*, calls {action} in {region}', ask('instance role'));

Then('the permission evaluator decides {word}', async function (this: PostureWorld, decision: string) {
  await this.attachEvidence('permission-decision', scene(this).asked);
  assert.equal(scene(this).asked?.decision.decision, decision, scene(this).asked?.decision.explanation);
});

Then('the permission evaluator decides {word} at {string}', async function (this: PostureWorld, decision: string, level: string) {
  const asked = scene(this).asked;
  await this.attachEvidence('permission-decision', asked);
  assert.deepEqual({ decision: asked?.decision.decision, level: asked && 'level' in asked.decision ? asked.decision.level : undefined }, { decision, level }, asked?.decision.explanation);
});

Then('the permission evaluator decides {word} at the root', async function (this: PostureWorld, decision: string) {
  const asked = scene(this).asked;
  await this.attachEvidence('permission-decision', asked);
  assert.deepEqual({ decision: asked?.decision.decision, level: asked && 'level' in asked.decision ? asked.decision.level : undefined }, { decision, level: `root ${scene(this).rootId}` }, asked?.decision.explanation);
});

Then('an ordinary role of that account with the same policies is {word}', async function (this: PostureWorld, decision: string) {
  const asked = await exam().decideExamRequest(await this.sandbox(), scene(this), 'ordinary role', scene(this).asked?.action ?? '', scene(this).asked?.region ?? '');
  await this.attachEvidence('permission-decision-ordinary-role', asked);
  assert.equal(asked.decision.decision, decision, asked.decision.explanation);
});
