import { ANYWHERE, type Family } from '../../evaluators/network/cidr';
import { ADMIN_PORTS } from '../../evaluators/network/flow';
import { describeSgRule, opensPortToAnywhere, ruleMatchesTraffic } from '../../evaluators/network/security-group';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { prefixListsById } from './facts';

/** CIS 5.3 (0.0.0.0/0) and 5.4 (::/0) are the same check for the two address families. */
function securityGroupAdminPorts(family: Family, meta: RuleMeta): Control<'network'> {
  return {
    meta,
    inventory: 'network',
    evaluate(inventory, { account, region }) {
      if (inventory.securityGroups.kind === 'not-collected') return notVerified(inventory.securityGroups.reason);
      const lists = prefixListsById(inventory);
      const findings: Finding[] = [];
      const unreadable = inventory.prefixLists.kind === 'not-collected' ? [inventory.prefixLists.reason] : [];
      for (const group of inventory.securityGroups.value) {
        for (const rule of group.ingress) {
          // A prefix list that was not read back could hold 0.0.0.0/0: unknown, not closed.
          if (inventory.prefixLists.kind === 'collected' && rule.peer.kind === 'prefix-list' && !lists.has(rule.peer.id) && ADMIN_PORTS.some((port) => ruleMatchesTraffic(rule, '6', port) || ruleMatchesTraffic(rule, '17', port))) {
            unreadable.push(`${group.id} ${describeSgRule(rule, 'ingress', lists)}: the prefix list's entries were not read`);
          }
          const ports = ADMIN_PORTS.filter((port) => opensPortToAnywhere(rule, port, family, lists));
          if (ports.length > 0) findings.push({ resource: group.arn, account, region, problem: `${group.id} (${group.name}) ${describeSgRule(rule, 'ingress', lists)}: admits ${ports.join(' and ')} from ${ANYWHERE[family]}` });
        }
      }
      return verdictFrom({ findings, checked: inventory.securityGroups.value.length, unreadable, evidence: { securityGroups: inventory.securityGroups.value.map((g) => g.id) } });
    },
  };
}

const common = {
  domain: 'network',
  severity: 'critical' as const,
  remediation: 'Remove the rule; allow 22/3389 only from the administrators\' CIDRs (network.adminCidrs), or use Session Manager and open nothing.',
};

export const sgAdminPortsIpv4 = securityGroupAdminPorts('ipv4', {
  ...common,
  id: 'network.sg-admin-ports-ipv4',
  title: 'No security group admits 0.0.0.0/0 to SSH (22) or RDP (3389)',
  cis: '5.3',
  rationale: 'Security groups only allow: a rule opening 22 or 3389 to 0.0.0.0/0 exposes remote administration to the whole IPv4 internet, and no other group can take it back.',
});

export const sgAdminPortsIpv6 = securityGroupAdminPorts('ipv6', {
  ...common,
  id: 'network.sg-admin-ports-ipv6',
  title: 'No security group admits ::/0 to SSH (22) or RDP (3389)',
  cis: '5.4',
  rationale: 'An IPv6 rule for ::/0 exposes remote administration to the whole IPv6 internet; it is often overlooked because the IPv4 rules look right.',
});
