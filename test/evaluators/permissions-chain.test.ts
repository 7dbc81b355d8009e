import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { organizationView, scpsInEffect } from '../../support/evaluators/permissions/organization-chain';
import { collected, notCollected } from '../../support/inventory/collected';
import type { OrganizationFacts, OrganizationsInventory, ServiceControlPolicy } from '../../support/inventory/types/organizations';

const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };
const policy = (name: string, targets: string[], document: ServiceControlPolicy['document'] = allow, awsManaged = false): ServiceControlPolicy => ({
  id: `p-${name}`,
  arn: `arn:p/${name}`,
  name,
  awsManaged,
  document,
  targets: targets.map((id) => ({ id, type: id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT', name: id })),
});

function facts(overrides: Partial<OrganizationFacts> = {}, policies: ServiceControlPolicy[] = [policy('FullAWSAccess', ['r-1', 'ou-1-parent', 'ou-1-child', '222222222222', '999999999999'], allow, true), policy('deny-leave', ['ou-1-parent'], deny)]): OrganizationFacts {
  return {
    id: 'o-1',
    arn: 'arn:org/o-1',
    featureSet: 'ALL',
    managementAccountId: '111111111111',
    auditedIsManagement: true,
    structure: collected({
      roots: [{ id: 'r-1', arn: 'arn:root/r-1', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
      organizationalUnits: [
        { id: 'ou-1-parent', arn: 'arn:ou/parent', name: 'Workloads', parentId: 'r-1' },
        { id: 'ou-1-child', arn: 'arn:ou/child', name: 'Production', parentId: 'ou-1-parent' },
        { id: 'ou-1-empty', arn: 'arn:ou/empty', name: 'Empty', parentId: 'ou-1-parent' },
      ],
      accounts: [
        { id: '111111111111', arn: 'arn:a/1', name: 'management', status: 'ACTIVE', parentChain: ['r-1'] },
        { id: '222222222222', arn: 'arn:a/2', name: 'prod', status: 'ACTIVE', parentChain: ['r-1', 'ou-1-parent', 'ou-1-child'] },
      ],
    }),
    serviceControlPolicies: collected(policies),
    ...overrides,
  };
}
const inventory = (f: OrganizationFacts | null): OrganizationsInventory => ({ account: '111111111111', organization: collected(f) });

describe('organization chain: root → OUs → account', () => {
  test('levels are ordered root first, account last, each with the SCPs attached there', () => {
    const view = organizationView(inventory(facts()));
    assert.equal(view.kind, 'organization');
    if (view.kind !== 'organization') return;
    const chain = view.scpsFor(view.accounts[1]);
    assert.deepEqual(
      chain.scpLevels.map((l) => [l.level, l.policies.map((p) => p.name)]),
      [
        ['root r-1', ['FullAWSAccess']],
        ['ou ou-1-parent (Workloads)', ['FullAWSAccess', 'deny-leave']],
        ['ou ou-1-child (Production)', ['FullAWSAccess']],
        ['account 222222222222 (prod)', ['FullAWSAccess']],
      ],
    );
    assert.equal(chain.isManagementAccount, false);
    assert.equal(view.scpsFor(view.accounts[0]).isManagementAccount, true);
  });

  test('a new account in an empty OU gets the OU chain and FullAWSAccess at the account', () => {
    const view = organizationView(inventory(facts()));
    if (view.kind !== 'organization') return assert.fail(view.kind);
    const chain = view.scpsForNewAccountIn('ou-1-empty');
    assert.deepEqual(chain.scpLevels.map((l) => l.level), ['root r-1', 'ou ou-1-parent (Workloads)', 'ou ou-1-empty (Empty)', 'account (new account) (a new account in Empty)']);
    assert.deepEqual(chain.scpLevels[3].policies.map((p) => p.name), ['FullAWSAccess']);
  });

  const effect: [string, OrganizationFacts, boolean][] = [
    ['all features, SCP enabled', facts(), true],
    ['consolidated billing', facts({ featureSet: 'CONSOLIDATED_BILLING' }), false],
    ['SCP type not enabled', facts({ structure: collected({ roots: [{ id: 'r-1', arn: '', name: 'Root', policyTypes: [] }], organizationalUnits: [], accounts: [] }) }), false],
  ];
  for (const [name, f, expected] of effect) test(`SCPs in effect: ${name} → ${expected}`, () => assert.equal(scpsInEffect(f).inEffect, expected));

  test('SCPs not in effect: every chain is empty (nothing limits)', () => {
    const view = organizationView(inventory(facts({ featureSet: 'CONSOLIDATED_BILLING' })));
    if (view.kind !== 'organization') return assert.fail(view.kind);
    assert.match(view.scpsNotInEffect ?? '', /CONSOLIDATED_BILLING/);
    assert.deepEqual(view.scpsFor(view.accounts[1]).scpLevels, []);
  });

  const views: [string, OrganizationsInventory, string][] = [
    ['no organization', inventory(null), 'no-organization'],
    ['DescribeOrganization denied', { account: '1', organization: notCollected('AccessDenied') }, 'unreadable'],
    ['tree denied', inventory(facts({ structure: notCollected('ListRoots: AccessDenied') })), 'unreadable'],
    ['SCPs denied', inventory(facts({ serviceControlPolicies: notCollected('ListPolicies: AccessDenied') })), 'unreadable'],
    ['an attached SCP that is not JSON', inventory(facts({}, [{ ...policy('broken', ['r-1']), document: null, documentError: 'not JSON' }])), 'unreadable'],
    ['SCPs denied but not in effect anyway', inventory(facts({ featureSet: 'CONSOLIDATED_BILLING', serviceControlPolicies: notCollected('denied') })), 'organization'],
  ];
  for (const [name, inv, kind] of views) test(`view: ${name} → ${kind}`, () => assert.equal(organizationView(inv).kind, kind));
});
