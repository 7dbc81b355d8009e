import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'organizations.all-features',
  title: 'The account belongs to an organization with all features enabled',
  domain: 'organizations',
  severity: 'high',
  rationale: 'Service control policies exist only in an organization with all features; a consolidated-billing-only organization cannot limit what member accounts do.',
  remediation: 'aws organizations enable-all-features, then have every member account accept the handshake.',
};

export const allFeatures: Control<'organizations'> = {
  meta,
  inventory: 'organizations',
  evaluate(inventory, { account, region }) {
    const org = inventory.organization;
    if (org.kind !== 'collected') return notVerified(org.reason);
    if (org.value === null) {
      return verdictFrom({ findings: [{ resource: `arn:aws:iam::${account}:root`, account, region, problem: 'the account is in no organization: no SCP can limit it' }], checked: 1 });
    }
    const { id, arn, featureSet, managementAccountId } = org.value;
    const evidence = { organization: id, featureSet, managementAccountId };
    const findings = featureSet === 'ALL' ? [] : [{ resource: arn, account, region, problem: `organization ${id} has feature set ${featureSet}: SCPs are unavailable until all features are enabled` }];
    return verdictFrom({ findings, checked: 1, evidence });
  },
};
