import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postureConfigSchema, type PostureConfig } from '../../support/config/schema';
import type { PolicyJson } from '../../support/evaluators/permissions/evaluate';
import { collected, notCollected } from '../../support/inventory/collected';
import type { OrganizationFacts, OrganizationsInventory, ServiceControlPolicy } from '../../support/inventory/types/organizations';
import type { Control } from '../../support/rules/control';
import { organizationsControls } from '../../support/rules/organizations';
import type { ScpLimitRow } from '../../support/rules/organizations/scp-limit';
import { type RuleResult, verdictOf, type Verdict } from '../../support/rules/types';

const MANAGEMENT = '111111111111';
const SANDBOX_ACCOUNT = '222222222222';
const WORKLOADS_ACCOUNT = '333333333333';
const ROOT = 'r-ab12';
const SANDBOX_OU = 'ou-ab12-sandbox1';
const WORKLOADS_OU = 'ou-ab12-worklds1';
const EMPTY_OU = 'ou-ab12-emptyou1';

const config = postureConfigSchema.parse({ regions: ['us-east-1', 'eu-west-1'] }) as PostureConfig;
const doc = (...Statement: object[]): PolicyJson => ({ Version: '2012-10-17', Statement });
const target = (id: string) => ({ id, type: id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT', name: id }) as ServiceControlPolicy['targets'][number];
const scp = (name: string, document: PolicyJson, targets: string[], awsManaged = false): ServiceControlPolicy => ({ id: `p-${name}`, arn: `arn:aws:organizations::${MANAGEMENT}:policy/o-x/service_control_policy/p-${name}`, name, awsManaged, document, targets: targets.map(target) });

const fullAWSAccess = (targets: string[]) => scp('FullAWSAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), targets, true);
const EVERY_TARGET = [ROOT, SANDBOX_OU, WORKLOADS_OU, EMPTY_OU, MANAGEMENT, SANDBOX_ACCOUNT, WORKLOADS_ACCOUNT];
const regionDeny = scp('deny-outside-allowed-regions', doc({ Sid: 'Regions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }), [ROOT]);
const protect = scp(
  'protect-logging',
  doc({ Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder'], Resource: '*' }),
  [ROOT],
);
const denyRoot = scp('deny-member-root', doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }), [SANDBOX_OU, WORKLOADS_OU, EMPTY_OU]);
const referencePolicies = [fullAWSAccess(EVERY_TARGET), regionDeny, protect, denyRoot];

function org(options: { featureSet?: string; scpEnabled?: boolean; policies?: ServiceControlPolicy[]; structureUnreadable?: boolean; policiesUnreadable?: boolean } = {}): OrganizationsInventory {
  const facts: OrganizationFacts = {
    id: 'o-x',
    arn: `arn:aws:organizations::${MANAGEMENT}:organization/o-x`,
    featureSet: options.featureSet ?? 'ALL',
    managementAccountId: MANAGEMENT,
    auditedIsManagement: true,
    structure: options.structureUnreadable
      ? notCollected('ListRoots: AccessDeniedException')
      : collected({
          roots: [{ id: ROOT, arn: `arn:aws:organizations::${MANAGEMENT}:root/o-x/${ROOT}`, name: 'Root', policyTypes: options.scpEnabled === false ? [] : [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
          organizationalUnits: [
            { id: SANDBOX_OU, arn: `arn:ou/${SANDBOX_OU}`, name: 'Sandbox', parentId: ROOT },
            { id: WORKLOADS_OU, arn: `arn:ou/${WORKLOADS_OU}`, name: 'Workloads', parentId: ROOT },
            { id: EMPTY_OU, arn: `arn:ou/${EMPTY_OU}`, name: 'Security', parentId: ROOT },
          ],
          accounts: [
            { id: MANAGEMENT, arn: `arn:account/${MANAGEMENT}`, name: 'management', status: 'ACTIVE', parentChain: [ROOT] },
            { id: SANDBOX_ACCOUNT, arn: `arn:account/${SANDBOX_ACCOUNT}`, name: 'sandbox', status: 'ACTIVE', parentChain: [ROOT, SANDBOX_OU] },
            { id: WORKLOADS_ACCOUNT, arn: `arn:account/${WORKLOADS_ACCOUNT}`, name: 'workloads', status: 'ACTIVE', parentChain: [ROOT, WORKLOADS_OU] },
          ],
        }),
    serviceControlPolicies: options.policiesUnreadable ? notCollected('ListPolicies: AccessDeniedException') : collected(options.policies ?? referencePolicies),
  };
  return { account: MANAGEMENT, organization: collected(facts) };
}
const noOrganization: OrganizationsInventory = { account: MANAGEMENT, organization: collected(null) };
const unreadable: OrganizationsInventory = { account: MANAGEMENT, organization: notCollected('DescribeOrganization: AccessDeniedException') };

const withoutFullAccessAt = (id: string) => [fullAWSAccess(EVERY_TARGET.filter((t) => t !== id)), regionDeny, protect, denyRoot];
const run = (control: Control<'organizations'>, inventory: OrganizationsInventory): RuleResult => control.evaluate(inventory, { account: MANAGEMENT, region: 'global', config });

interface Case {
  name: string;
  control: Control<'organizations'>;
  inventory: OrganizationsInventory;
  verdict: Verdict;
  /** Text every finding (or the why) must contain. */
  mentions?: string[];
}

const row = (scope: string, principal: string, action: string, region: string, expected: string): Control<'organizations'> => organizationsControls.scpLimit({ scope, principal, action, region, expected } satisfies ScpLimitRow);
const sandboxOutside = row('Sandbox', 'administrator', 'ec2:RunInstances', 'a region outside the allowed ones', 'denied');
const protectedActions = row('every member account', 'administrator', 'each protected action', 'each allowed region', 'denied');

const cases: Case[] = [
  { name: 'all features: ALL', control: organizationsControls.allFeatures, inventory: org(), verdict: 'compliant' },
  { name: 'all features: consolidated billing only', control: organizationsControls.allFeatures, inventory: org({ featureSet: 'CONSOLIDATED_BILLING' }), verdict: 'non-compliant', mentions: ['CONSOLIDATED_BILLING'] },
  { name: 'all features: no organization', control: organizationsControls.allFeatures, inventory: noOrganization, verdict: 'non-compliant', mentions: ['no organization'] },
  { name: 'all features: unreadable', control: organizationsControls.allFeatures, inventory: unreadable, verdict: 'not-verified', mentions: ['AccessDenied'] },

  { name: 'SCPs enabled on the root', control: organizationsControls.scpEnabled, inventory: org(), verdict: 'compliant' },
  { name: 'SCP type not enabled on the root', control: organizationsControls.scpEnabled, inventory: org({ scpEnabled: false }), verdict: 'non-compliant', mentions: [ROOT] },
  { name: 'SCP type: tree unreadable', control: organizationsControls.scpEnabled, inventory: org({ structureUnreadable: true }), verdict: 'not-verified' },

  { name: 'lock-out guard: FullAWSAccess everywhere', control: organizationsControls.noScpLockout, inventory: org(), verdict: 'compliant' },
  { name: 'lock-out guard: FullAWSAccess detached from an OU, nothing else', control: organizationsControls.noScpLockout, inventory: org({ policies: withoutFullAccessAt(WORKLOADS_OU) }), verdict: 'non-compliant', mentions: [WORKLOADS_OU, WORKLOADS_ACCOUNT] },
  { name: 'lock-out guard: FullAWSAccess detached from an account', control: organizationsControls.noScpLockout, inventory: org({ policies: withoutFullAccessAt(SANDBOX_ACCOUNT) }), verdict: 'non-compliant', mentions: [`account ${SANDBOX_ACCOUNT}`] },
  { name: 'lock-out guard: FullAWSAccess detached from the management account only (SCPs do not limit it)', control: organizationsControls.noScpLockout, inventory: org({ policies: withoutFullAccessAt(MANAGEMENT) }), verdict: 'compliant' },
  { name: 'lock-out guard: policies unreadable', control: organizationsControls.noScpLockout, inventory: org({ policiesUnreadable: true }), verdict: 'not-verified' },

  { name: 'allows take effect: only FullAWSAccess allows', control: organizationsControls.scpAllowsTakeEffect, inventory: org(), verdict: 'compliant' },
  {
    name: 'allows take effect: an account allows bedrock:* that its OU allow-list lacks',
    control: organizationsControls.scpAllowsTakeEffect,
    inventory: org({
      policies: [
        fullAWSAccess(EVERY_TARGET.filter((t) => t !== SANDBOX_OU)),
        scp('sandbox-allow-list', doc({ Effect: 'Allow', Action: ['ec2:*', 's3:*'], Resource: '*' }), [SANDBOX_OU]),
        scp('allow-bedrock', doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }), [SANDBOX_ACCOUNT]),
      ],
    }),
    verdict: 'non-compliant',
    mentions: ['allow-bedrock', SANDBOX_OU],
  },
  {
    name: 'allows take effect: an allow-list at the OU and the same list at the account',
    control: organizationsControls.scpAllowsTakeEffect,
    inventory: org({ policies: [fullAWSAccess([ROOT, WORKLOADS_OU, EMPTY_OU, MANAGEMENT, WORKLOADS_ACCOUNT]), scp('allow-list', doc({ Effect: 'Allow', Action: ['ec2:*', 's3:*'], Resource: '*' }), [SANDBOX_OU, SANDBOX_ACCOUNT])] }),
    verdict: 'compliant',
  },
  { name: 'allows take effect: unreadable', control: organizationsControls.scpAllowsTakeEffect, inventory: unreadable, verdict: 'not-verified' },

  { name: 'limit: Sandbox denied outside the allowed regions', control: sandboxOutside, inventory: org(), verdict: 'compliant' },
  { name: 'limit: region SCP detached', control: sandboxOutside, inventory: org({ policies: [fullAWSAccess(EVERY_TARGET), protect, denyRoot] }), verdict: 'non-compliant', mentions: ['expected denied, got Allowed', SANDBOX_ACCOUNT] },
  { name: 'limit: SCPs not enabled, so nothing limits', control: sandboxOutside, inventory: org({ scpEnabled: false }), verdict: 'non-compliant', mentions: ['not in effect'] },
  { name: 'limit: consolidated billing, so nothing limits', control: protectedActions, inventory: org({ featureSet: 'CONSOLIDATED_BILLING' }), verdict: 'non-compliant', mentions: ['CONSOLIDATED_BILLING'] },
  { name: 'limit: protected actions denied in every member account', control: protectedActions, inventory: org(), verdict: 'compliant' },
  {
    name: 'limit: protected actions, CloudTrail no longer protected',
    control: protectedActions,
    inventory: org({ policies: [fullAWSAccess(EVERY_TARGET), regionDeny, denyRoot, scp('protect-config', doc({ Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'config:*'], Resource: '*' }), [ROOT])] }),
    verdict: 'non-compliant',
    mentions: ['cloudtrail:'],
  },
  { name: 'limit: an allowed row names the deciding level when locked out', control: row('Workloads', 'administrator', 'iam:CreateRole', 'a region outside the allowed ones', 'allowed'), inventory: org({ policies: withoutFullAccessAt(WORKLOADS_OU) }), verdict: 'non-compliant', mentions: [`no Allow at ou ${WORKLOADS_OU} (Workloads)`] },
  { name: 'limit: global service exempt from the region deny', control: row('Workloads', 'administrator', 'iam:CreateRole', 'a region outside the allowed ones', 'allowed'), inventory: org(), verdict: 'compliant' },
  { name: 'limit: member root user denied', control: row('every member account', 'root user', 's3:CreateBucket', 'each allowed region', 'denied'), inventory: org(), verdict: 'compliant' },
  { name: 'limit: member root user not denied without deny-member-root', control: row('every member account', 'root user', 's3:CreateBucket', 'each allowed region', 'denied'), inventory: org({ policies: [fullAWSAccess(EVERY_TARGET), regionDeny, protect] }), verdict: 'non-compliant', mentions: ['the root user'] },
  { name: 'limit: an OU with no account is judged for a new account there', control: row('Security', 'administrator', 'cloudtrail:StopLogging', 'us-east-1', 'denied'), inventory: org(), verdict: 'compliant' },
  { name: 'limit: service-linked role is not limited', control: row('Sandbox', 'service-linked role', 'config:StopConfigurationRecorder', 'us-east-1', 'allowed'), inventory: org(), verdict: 'compliant' },
  { name: 'limit: management account is not limited', control: row('management account', 'administrator', 'organizations:LeaveOrganization', 'us-east-1', 'allowed'), inventory: org(), verdict: 'compliant' },
  { name: 'limit: an unknown OU in the table fails', control: row('Marketing', 'administrator', 'ec2:RunInstances', 'us-east-1', 'denied'), inventory: org(), verdict: 'non-compliant', mentions: ['Marketing'] },
  { name: 'limit: no organization means no limits', control: protectedActions, inventory: noOrganization, verdict: 'non-compliant', mentions: ['no organization'] },
  { name: 'limit: policies unreadable', control: protectedActions, inventory: org({ policiesUnreadable: true }), verdict: 'not-verified', mentions: ['AccessDenied'] },
  { name: 'limit: organization unreadable', control: protectedActions, inventory: unreadable, verdict: 'not-verified' },
];

describe('organizations rules', () => {
  for (const c of cases) {
    test(c.name, () => {
      const result = run(c.control, c.inventory);
      assert.equal(verdictOf(result), c.verdict, JSON.stringify(result, null, 1).slice(0, 1500));
      const text = verdictOf(result) === 'non-compliant' ? result.findings.map((f) => `${f.resource} ${f.problem}`).join('\n') : [...result.unread, ...(result.notApplicable ? [result.notApplicable] : [])].join('; ');
      for (const m of c.mentions ?? []) assert.ok(text.includes(m), `"${m}" not in:\n${text}`);
    });
  }

  test('a non-compliant limit names the deciding SCP and level in the finding and the evidence', () => {
    const result = run(row('Sandbox', 'administrator', 'cloudtrail:StopLogging', 'us-east-1', 'allowed'), org());
    assert.equal(verdictOf(result), 'non-compliant');
    assert.ok(verdictOf(result) === 'non-compliant' && result.findings[0].problem.includes(`[deciding: SCP protect-logging at root ${ROOT}]`), JSON.stringify(result));
    assert.match(JSON.stringify(result.evidence), /"policy":"protect-logging","statement":"statement 1"/);
  });

  test('a row with an unknown principal is a table error, not a verdict', () => {
    assert.throws(() => run(row('Sandbox', 'intern', 'ec2:RunInstances', 'us-east-1', 'denied'), org()), /unknown principal/);
  });
});
