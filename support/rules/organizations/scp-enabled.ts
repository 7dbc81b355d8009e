import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'organizations.scp-enabled',
  title: 'The service control policy type is enabled on the root',
  domain: 'organizations',
  severity: 'high',
  rationale: 'Until the SERVICE_CONTROL_POLICY type is enabled on the root, no SCP is enforced anywhere in the organization.',
  remediation: 'aws organizations enable-policy-type --root-id <r-...> --policy-type SERVICE_CONTROL_POLICY',
};

export const scpEnabled: Control<'organizations'> = {
  meta,
  inventory: 'organizations',
  evaluate(inventory, { account, region }) {
    const org = inventory.organization;
    if (org.kind !== 'collected') return notVerified(org.reason);
    if (org.value === null) {
      return verdictFrom({ findings: [{ resource: `arn:aws:iam::${account}:root`, account, region, problem: 'the account is in no organization: there is no root to enable SCPs on' }], checked: 1 });
    }
    const structure = org.value.structure;
    if (structure.kind !== 'collected') return notVerified(structure.reason);
    const roots = structure.value.roots;
    const evidence = { organization: org.value.id, featureSet: org.value.featureSet, roots: roots.map((r) => ({ id: r.id, policyTypes: r.policyTypes })) };
    const findings = roots
      .filter((r) => !r.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED'))
      .map((r) => ({ resource: r.arn, account, region, problem: `root ${r.id} does not have the SERVICE_CONTROL_POLICY type enabled (enabled: ${r.policyTypes.map((t) => t.type).join(', ') || 'none'})` }));
    if (roots.length === 0) return notVerified(`ListRoots returned no root for organization ${org.value.id}`, evidence);
    return verdictFrom({ findings, checked: roots.length, evidence });
  },
};
