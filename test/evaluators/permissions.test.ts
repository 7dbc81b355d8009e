import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluatePermission, isServiceLinkedRole, type PermissionDecision, type PermissionRequest, type PolicyJson, type ScpLevel } from '../../support/evaluators/permissions/evaluate';

const doc = (...Statement: unknown[]): PolicyJson => ({ Version: '2012-10-17', Statement });
const fullAWSAccess = { name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) };
const admin = [{ name: 'AdministratorAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }];
const ec2Only = [{ name: 'EC2Only', document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) }];
const regionLimit = {
  name: 'deny-outside-allowed-regions',
  document: doc({
    Sid: 'DenyOutsideAllowedRegions',
    Effect: 'Deny',
    NotAction: ['iam:*', 'organizations:*', 'sts:*', 'cloudfront:*', 'route53:*', 'support:*', 'budgets:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
  }),
};
const denyLeave = { name: 'deny-leave-organization', document: doc({ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }) };
const protectTrail = { name: 'protect-cloudtrail', document: doc({ Sid: 'ProtectTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' }) };
const denyRoot = {
  name: 'deny-member-root',
  document: doc({ Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }),
};
const ec2AllowList = { name: 'allow-ec2-only', document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) };

const root = (...policies: ScpLevel['policies']): ScpLevel => ({ level: 'root r-abc1', policies });
const sandbox = (...policies: ScpLevel['policies']): ScpLevel => ({ level: 'ou ou-abc1-sandbox1 (Sandbox)', policies });
const account = (...policies: ScpLevel['policies']): ScpLevel => ({ level: 'account 222233334444', policies });
const guarded = [root(fullAWSAccess, regionLimit, denyLeave, protectTrail), sandbox(fullAWSAccess, denyRoot), account(fullAWSAccess)];

const role = 'arn:aws:iam::222233334444:role/SandboxAdmin';
const instanceRole = 'arn:aws:sts::222233334444:assumed-role/web-instance-role/i-0123456789abcdef0';
const slr = 'arn:aws:iam::222233334444:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';
const memberRoot = 'arn:aws:iam::222233334444:root';
const inRegion = (region: string) => ({ 'aws:RequestedRegion': region });

interface Case {
  name: string;
  request: PermissionRequest;
  expected: PermissionDecision['decision'];
  level?: string;
  policy?: string;
}

const cases: Case[] = [
  // deny at any level wins
  { name: 'an explicit deny at the root wins over Allows below', request: { principal: role, action: 'organizations:LeaveOrganization', identityPolicies: admin, scpLevels: guarded }, expected: 'ExplicitlyDenied', level: 'root r-abc1', policy: 'deny-leave-organization' },
  { name: 'an explicit deny at the account level wins', request: { principal: role, action: 'cloudtrail:StopLogging', identityPolicies: admin, scpLevels: [root(fullAWSAccess), sandbox(fullAWSAccess), account(fullAWSAccess, protectTrail)] }, expected: 'ExplicitlyDenied', level: 'account 222233334444', policy: 'protect-cloudtrail' },
  { name: 'an explicit deny at an OU wins', request: { principal: role, action: 'cloudtrail:DeleteTrail', identityPolicies: admin, scpLevels: [root(fullAWSAccess), sandbox(fullAWSAccess, protectTrail), account(fullAWSAccess)] }, expected: 'ExplicitlyDenied', level: 'ou ou-abc1-sandbox1 (Sandbox)', policy: 'protect-cloudtrail' },
  { name: 'an SCP deny wins over an identity Allow for the exact action', request: { principal: role, action: 'cloudtrail:StopLogging', identityPolicies: [{ name: 'trail-admin', document: doc({ Effect: 'Allow', Action: 'cloudtrail:StopLogging', Resource: '*' }) }], scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'ExplicitlyDenied', policy: 'protect-cloudtrail' },
  { name: 'an identity-policy deny is reported at the identity level', request: { principal: role, action: 'ec2:TerminateInstances', identityPolicies: [...admin, { name: 'no-terminate', document: doc({ Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }) }], scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'ExplicitlyDenied', level: 'identity policies', policy: 'no-terminate' },
  // an Allow must exist at every level
  { name: 'FullAWSAccess detached from the OU: implicit deny below it', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: [root(fullAWSAccess), sandbox(), account(fullAWSAccess)], context: inRegion('eu-west-1') }, expected: 'ImplicitlyDenied', level: 'ou ou-abc1-sandbox1 (Sandbox)' },
  { name: 'an OU with only deny SCPs grants nothing: implicit deny', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: [root(fullAWSAccess), sandbox(denyLeave), account(fullAWSAccess)], context: inRegion('eu-west-1') }, expected: 'ImplicitlyDenied', level: 'ou ou-abc1-sandbox1 (Sandbox)' },
  { name: 'an allow-list SCP at the account limits actions it does not name', request: { principal: role, action: 's3:CreateBucket', identityPolicies: admin, scpLevels: [root(fullAWSAccess), sandbox(fullAWSAccess), account(ec2AllowList)], context: inRegion('eu-west-1') }, expected: 'ImplicitlyDenied', level: 'account 222233334444' },
  { name: 'an allow-list SCP at the account lets the actions it names through', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: [root(fullAWSAccess), sandbox(fullAWSAccess), account(ec2AllowList)], context: inRegion('eu-west-1') }, expected: 'Allowed' },
  { name: 'an Allow at every level (FullAWSAccess) lets allowed work through', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'Allowed' },
  // NotAction and condition-based region denies
  { name: 'region deny: RunInstances outside the allowed regions is denied', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: guarded, context: inRegion('ap-southeast-2') }, expected: 'ExplicitlyDenied', level: 'root r-abc1', policy: 'deny-outside-allowed-regions' },
  { name: 'region deny: RunInstances in an allowed region is allowed', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: guarded, context: inRegion('us-east-1') }, expected: 'Allowed' },
  { name: 'region deny NotAction: a global service (IAM) is exempt outside the allowed regions', request: { principal: role, action: 'iam:CreateRole', identityPolicies: admin, scpLevels: guarded, context: inRegion('ap-southeast-2') }, expected: 'Allowed' },
  { name: 'region deny NotAction: support is exempt outside the allowed regions', request: { principal: role, action: 'support:DescribeCases', identityPolicies: admin, scpLevels: guarded, context: inRegion('us-west-2') }, expected: 'Allowed' },
  { name: 'region deny: S3 outside the allowed regions is denied', request: { principal: role, action: 's3:CreateBucket', identityPolicies: admin, scpLevels: guarded, context: inRegion('sa-east-1') }, expected: 'ExplicitlyDenied', policy: 'deny-outside-allowed-regions' },
  { name: 'member root user is denied by the PrincipalArn condition', request: { principal: memberRoot, action: 'ec2:RunInstances', identityPolicies: [], scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'ExplicitlyDenied', level: 'ou ou-abc1-sandbox1 (Sandbox)', policy: 'deny-member-root' },
  { name: 'member root user without a deny-root SCP holds its permissions', request: { principal: memberRoot, action: 'ec2:RunInstances', identityPolicies: [], scpLevels: [root(fullAWSAccess), account(fullAWSAccess)], context: inRegion('eu-west-1') }, expected: 'Allowed' },
  // exemptions
  { name: 'service-linked role is not limited by SCPs', request: { principal: slr, action: 'config:StopConfigurationRecorder', identityPolicies: admin, scpLevels: [root(fullAWSAccess, { name: 'protect-config', document: doc({ Effect: 'Deny', Action: 'config:*', Resource: '*' }) })] }, expected: 'Allowed' },
  { name: 'service-linked role is not limited even when no level allows', request: { principal: slr, action: 'config:PutConfigurationRecorder', identityPolicies: admin, scpLevels: [root(), sandbox()] }, expected: 'Allowed' },
  { name: 'an ordinary role with the same policies is limited', request: { principal: role, action: 'config:StopConfigurationRecorder', identityPolicies: admin, scpLevels: [root(fullAWSAccess, { name: 'protect-config', document: doc({ Effect: 'Deny', Action: 'config:*', Resource: '*' }) })] }, expected: 'ExplicitlyDenied', policy: 'protect-config' },
  { name: 'management account is not limited by SCPs', request: { principal: 'arn:aws:iam::111122223333:role/Admin', action: 'organizations:LeaveOrganization', identityPolicies: admin, scpLevels: guarded, isManagementAccount: true }, expected: 'Allowed' },
  { name: 'management account is not limited by a region deny', request: { principal: 'arn:aws:iam::111122223333:role/Admin', action: 'ec2:RunInstances', identityPolicies: admin, scpLevels: guarded, isManagementAccount: true, context: inRegion('ap-southeast-2') }, expected: 'Allowed' },
  { name: 'an instance role in a member account is limited like any role', request: { principal: instanceRole, action: 'ec2:RunInstances', identityPolicies: ec2Only, scpLevels: guarded, context: inRegion('ap-southeast-2') }, expected: 'ExplicitlyDenied', policy: 'deny-outside-allowed-regions' },
  // SCPs never grant
  { name: 'SCPs do not grant: FullAWSAccess everywhere, no identity policy', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: [], scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'ImplicitlyDenied', level: 'identity policies' },
  { name: 'SCPs do not grant: an SCP Allow for the action does not add it to a narrower identity', request: { principal: role, action: 's3:CreateBucket', identityPolicies: ec2Only, scpLevels: [root(fullAWSAccess, { name: 'allow-s3', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) })], context: inRegion('eu-west-1') }, expected: 'ImplicitlyDenied', level: 'identity policies' },
  { name: 'an S3 object ARN carries no account: judged as the caller\'s own', request: { principal: role, action: 's3:GetObject', resource: 'arn:aws:s3:::other-bucket/key', identityPolicies: admin, scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'Allowed' },
  { name: 'a resource of another account needs its resource policy too', request: { principal: role, action: 'sqs:SendMessage', resource: 'arn:aws:sqs:eu-west-1:999988887777:orders', identityPolicies: admin, scpLevels: guarded, context: inRegion('eu-west-1') }, expected: 'ImplicitlyDenied', level: 'resource policy' },
  { name: 'no Organizations limits: identity policies alone decide', request: { principal: role, action: 'ec2:RunInstances', identityPolicies: ec2Only, context: inRegion('ap-southeast-2') }, expected: 'Allowed' },
];

describe('evaluatePermission: identity policies within every SCP level', () => {
  for (const c of cases) {
    test(c.name, () => {
      const decision = evaluatePermission(c.request);
      assert.equal(decision.decision, c.expected, decision.explanation);
      if (c.level) assert.equal('level' in decision ? decision.level : undefined, c.level, decision.explanation);
      if (c.policy) assert.equal('policy' in decision ? decision.policy : undefined, c.policy, decision.explanation);
      assert.ok(decision.explanation.includes(c.request.principal));
      if (decision.decision === 'ExplicitlyDenied') assert.ok(decision.explanation.includes(decision.policy) && decision.explanation.includes(decision.level));
    });
  }
});

describe('isServiceLinkedRole', () => {
  const table: [string, boolean][] = [
    [slr, true],
    ['arn:aws:sts::222233334444:assumed-role/AWSServiceRoleForConfig/session', true],
    [role, false],
    ['arn:aws:iam::222233334444:role/aws-service-role-lookalike/x', false],
    [memberRoot, false],
  ];
  for (const [arn, expected] of table) test(`${arn} → ${expected}`, () => assert.equal(isServiceLinkedRole(arn), expected));
});
