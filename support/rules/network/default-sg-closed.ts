import { describeSgRule } from '../../evaluators/network/security-group';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { prefixListsById } from './facts';

export const meta: RuleMeta = {
  id: 'network.default-sg-closed',
  title: "Every VPC's default security group allows no traffic",
  domain: 'network',
  severity: 'medium',
  cis: '5.5',
  rationale: 'Anything launched without a security group gets the default one. With no rules in it, forgetting to choose a group fails closed instead of joining a group that trusts its members and reaches everywhere.',
  remediation: 'Revoke every ingress and egress rule of the default security group in every VPC (aws ec2 revoke-security-group-ingress / -egress) and use purpose-made groups.',
};

export const defaultSecurityGroupClosed: Control<'network'> = {
  meta,
  inventory: 'network',
  evaluate(inventory, { account, region }) {
    if (inventory.securityGroups.kind === 'not-collected') return notVerified(inventory.securityGroups.reason);
    const lists = prefixListsById(inventory);
    const defaults = inventory.securityGroups.value.filter((g) => g.isDefault);
    const findings: Finding[] = defaults.flatMap((g) => [
      ...g.ingress.map((rule) => ({ resource: g.arn, account, region, problem: `default group ${g.id} of ${g.vpcId} ${describeSgRule(rule, 'ingress', lists)}` })),
      ...g.egress.map((rule) => ({ resource: g.arn, account, region, problem: `default group ${g.id} of ${g.vpcId} ${describeSgRule(rule, 'egress', lists)}` })),
    ]);
    return verdictFrom({ findings, checked: defaults.length, evidence: { defaultGroups: defaults.map((g) => ({ group: g.id, vpc: g.vpcId, ingress: g.ingress.length, egress: g.egress.length })) } });
  },
};
