import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Instance } from '@aws-sdk/client-ec2';
import { parsePostureConfig } from '../../support/config/load';
import { collected, notCollected } from '../../support/inventory/collected';
import type { SecurityHubInventory } from '../../support/inventory/security-hub';
import type { Ec2SettingsInventory, FlowLogFacts } from '../../support/inventory/types/ec2-settings';
import type { Control } from '../../support/rules/control';
import { loggingControls } from '../../support/rules/logging';
import { networkControls } from '../../support/rules/network';
import { findingsOf, verdictOf, type Verdict } from '../../support/rules/types';

const ACCOUNT = '111122223333';
const REGION = 'ap-northeast-1';
const config = parsePostureConfig('regions: [us-east-1, ap-northeast-1]\n', 'test.yaml');
const vpc = (id: string, isDefault = false) => ({ id, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${id}`, isDefault });
const flowLog = (resourceId: string, trafficType: string, status = 'ACTIVE'): FlowLogFacts => ({ id: `fl-${resourceId}`, resourceId, trafficType, status, destination: 'arn:aws:s3:::logs' });
const instance = (id: string, httpTokens: 'required' | 'optional' | undefined, extra: Partial<Instance> = {}): Instance => ({ InstanceId: id, State: { Name: 'running' }, MetadataOptions: httpTokens ? { HttpTokens: httpTokens, HttpEndpoint: 'enabled' } : undefined, ...extra });
const inventory = (overrides: Partial<Ec2SettingsInventory> = {}): Ec2SettingsInventory => ({
  account: ACCOUNT,
  region: REGION,
  vpcs: collected([vpc('vpc-default', true), vpc('vpc-app')]),
  flowLogs: collected([flowLog('vpc-default', 'REJECT'), flowLog('vpc-app', 'ALL')]),
  ebsEncryptionByDefault: collected(true),
  metadataDefaults: collected({ httpTokens: 'required' }),
  instances: collected([instance('i-1', 'required')]),
  ...overrides,
});
const DENIED = notCollected<never>('EC2 (ap-northeast-1): UnauthorizedOperation');

type Case = { name: string; inventory: Ec2SettingsInventory; verdict: Verdict; finding?: [string, RegExp] };
const TABLES: [Control<'ec2Settings'>, Case[]][] = [
  [
    loggingControls.vpcFlowLogs,
    [
      { name: 'REJECT and ALL flow logs', inventory: inventory(), verdict: 'compliant' },
      { name: 'a VPC without a flow log (in a region the config may not name)', inventory: inventory({ flowLogs: collected([flowLog('vpc-app', 'ALL')]) }), verdict: 'non-compliant', finding: [`arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-default`, /default VPC.*no flow log/] },
      { name: 'ACCEPT only does not record rejects', inventory: inventory({ flowLogs: collected([flowLog('vpc-default', 'REJECT'), flowLog('vpc-app', 'ACCEPT')]) }), verdict: 'non-compliant', finding: [`arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-app`, /record only ACCEPT/] },
      { name: 'flow logs unreadable', inventory: inventory({ flowLogs: DENIED }), verdict: 'not-verified' },
      { name: 'VPCs unreadable', inventory: inventory({ vpcs: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    networkControls.ebsDefaultEncryption,
    [
      { name: 'on', inventory: inventory(), verdict: 'compliant' },
      { name: 'off', inventory: inventory({ ebsEncryptionByDefault: collected(false) }), verdict: 'non-compliant', finding: [`arn:aws:ec2:${REGION}:${ACCOUNT}:ebs-encryption-by-default`, /EbsEncryptionByDefault is false in ap-northeast-1/] },
      { name: 'unreadable', inventory: inventory({ ebsEncryptionByDefault: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    networkControls.imdsv2Required,
    [
      { name: 'every instance and the default require tokens', inventory: inventory(), verdict: 'compliant' },
      { name: 'no account default set (no preference)', inventory: inventory({ metadataDefaults: collected({ httpTokens: null }) }), verdict: 'compliant' },
      { name: 'metadata endpoint disabled', inventory: inventory({ instances: collected([instance('i-off', 'optional', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } })]) }), verdict: 'compliant' },
      { name: 'a stopped instance with IMDSv1', inventory: inventory({ instances: collected([instance('i-2', 'optional', { State: { Name: 'stopped' } })]) }), verdict: 'non-compliant', finding: [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-2`, /stopped.*HttpTokens is optional/] },
      { name: 'the account default says optional', inventory: inventory({ metadataDefaults: collected({ httpTokens: 'optional' }) }), verdict: 'non-compliant', finding: [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance-metadata-defaults`, /HttpTokens optional/] },
      { name: 'instances unreadable', inventory: inventory({ instances: DENIED }), verdict: 'not-verified' },
      { name: 'account default unreadable', inventory: inventory({ metadataDefaults: DENIED }), verdict: 'not-verified' },
    ],
  ],
];

describe('CIS 4.16: Security Hub in every audited region', () => {
  const hub = (value: SecurityHubInventory['hub']): SecurityHubInventory => ({ account: ACCOUNT, region: REGION, hub: value });
  const cases: [string, SecurityHubInventory, Verdict][] = [
    ['enabled', hub(collected({ arn: `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`, subscribedAt: '2026-01-01T00:00:00Z' })), 'compliant'],
    ['not subscribed in the region', hub(collected(null)), 'non-compliant'],
    ['unreadable', hub(notCollected('Security Hub DescribeHub (ap-northeast-1): AccessDeniedException')), 'not-verified'],
  ];
  for (const [name, inventory, verdict] of cases) {
    test(name, () => {
      const result = loggingControls.securityHubEnabled.evaluate(inventory, { account: ACCOUNT, region: REGION, config });
      assert.equal(verdictOf(result), verdict);
      if (verdict === 'non-compliant') assert.match(findingsOf(result)[0].problem, /not enabled in ap-northeast-1/);
    });
  }
});

describe('EC2 settings rules (flow logs, EBS default encryption, IMDSv2)', () => {
  for (const [control, cases] of TABLES) {
    for (const c of cases) {
      test(`${control.meta.cis} ${control.meta.id}: ${c.name}`, () => {
        const result = control.evaluate(c.inventory, { account: ACCOUNT, region: REGION, config });
        assert.equal(verdictOf(result), c.verdict, JSON.stringify(result).slice(0, 800));
        if (c.finding) {
          const [resource, problem] = c.finding;
          const found = findingsOf(result).find((f) => f.resource === resource);
          assert.ok(found, `a finding for ${resource}: ${JSON.stringify(findingsOf(result))}`);
          assert.match(found.problem, problem);
        }
      });
    }
  }
});
