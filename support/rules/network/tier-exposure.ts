import { cidrWithin, isAnywhere } from '../../evaluators/network/cidr';
import { ADMIN_PORTS, hasPorts } from '../../evaluators/network/flow';
import { describeSgRule, ruleMatchesTraffic } from '../../evaluators/network/security-group';
import type { SgRule } from '../../inventory/types/network';
import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { networkView, prefixListsById, tierMembers } from './facts';

export const meta: RuleMeta = {
  id: 'network.tier-exposure',
  title: 'Tier security groups open only the public ports to everyone, SSH/RDP only to the admin CIDRs, and a tier only to the tiers it serves',
  domain: 'network',
  severity: 'high',
  rationale: 'A public tier serves HTTP/HTTPS to everyone and nothing else; a private tier serves no one directly, and a database only the tier in front of it (network.tiers.<tier>.reachableFrom: a security group reference, not an address range that any future instance can fall into). Remote administration comes from the administrators\' networks only (network.adminCidrs).',
  remediation: 'Remove rules from 0.0.0.0/0 or ::/0 other than the public ports on public tiers; replace address ranges on private tiers with references to the serving tier\'s security group; narrow SSH/RDP sources to network.adminCidrs or to a bastion\'s security group.',
};

function onlyPublicPorts(rule: SgRule, publicPorts: readonly number[]): boolean {
  if (!hasPorts(rule.protocol) || !rule.ports || rule.ports.from === -1) return false;
  for (let port = rule.ports.from; port <= rule.ports.to; port++) if (!publicPorts.includes(port)) return false;
  return true;
}

export const tierExposure: Control<'network'> = {
  meta,
  inventory: 'network',
  evaluate(inventory, { account, region, config }) {
    const view = networkView(inventory);
    if (view.kind === 'not-collected') return notVerified(view.reason);
    const lists = prefixListsById(inventory);
    const { adminCidrs, publicPorts } = config.network;
    const findings: Finding[] = [];
    const examined = [];
    for (const [name, tier] of Object.entries(config.network.tiers)) {
      for (const group of tierMembers(view.value, tier).groups) {
        examined.push({ tier: name, group: group.id, ingress: group.ingress.length });
        for (const rule of group.ingress) {
          const cidrs = rule.peer.kind === 'cidr' ? [rule.peer.cidr] : rule.peer.kind === 'prefix-list' ? (lists.get(rule.peer.id)?.cidrs ?? []) : [];
          const problem = (text: string) => findings.push({ resource: group.arn, account, region, problem: `${name} tier group ${group.id} (${group.name}) ${describeSgRule(rule, 'ingress', lists)}: ${text}` });
          if (cidrs.some(isAnywhere)) {
            if (tier.placement === 'private') problem('a private tier admits nothing from everyone');
            else if (!onlyPublicPorts(rule, publicPorts)) problem(`only the public ports (${publicPorts.join(', ')}) may be open to everyone`);
            continue;
          }
          if (tier.reachableFrom) {
            const from = tier.reachableFrom;
            const allowed = new Set(from.flatMap((other) => (config.network.tiers[other] ? tierMembers(view.value, config.network.tiers[other]).groups.map((g) => g.id) : [])));
            if (rule.peer.kind !== 'group' || !allowed.has(rule.peer.groupId)) problem(`only the security groups of the ${from.join(', ')} tier may reach the ${name} tier`);
            continue;
          }
          const admin = ADMIN_PORTS.filter((port) => ruleMatchesTraffic(rule, '6', port) || ruleMatchesTraffic(rule, '17', port));
          const outside = cidrs.filter((cidr) => !adminCidrs.some((allowed) => cidrWithin(cidr, allowed)));
          if (admin.length > 0 && outside.length > 0) problem(`${admin.join('/')} from ${outside.join(', ')}, outside network.adminCidrs (${adminCidrs.join(', ') || 'none configured'})`);
        }
      }
    }
    if (examined.length === 0) return notApplicable(`no tier security group in ${region}`);
    return verdictFrom({ findings, checked: examined.length, evidence: { groups: examined } });
  },
};
