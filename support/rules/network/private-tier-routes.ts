import { routeFor, routeTableFor } from '../../evaluators/network/path';
import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { INTERNET_SAMPLE, networkView, tierMembers } from './facts';

export const meta: RuleMeta = {
  id: 'network.private-tier-routes',
  title: 'Private-tier subnets have no route to an internet gateway and reach out through a NAT gateway in a public subnet',
  domain: 'network',
  severity: 'high',
  rationale: 'A route to an internet gateway is what makes a subnet public: one address or security group rule later, the database is on the internet. A NAT gateway in a public subnet gives private subnets outbound-only access.',
  remediation: 'Point the private route tables\' 0.0.0.0/0 at a NAT gateway that sits in a public subnet (with an Elastic IP) and remove every route to an internet gateway.',
};

export const privateTierRoutes: Control<'network'> = {
  meta,
  inventory: 'network',
  evaluate(inventory, { account, region, config }) {
    const view = networkView(inventory);
    if (view.kind === 'not-collected') return notVerified(view.reason);
    const tiers = Object.entries(config.network.tiers).filter(([, t]) => t.placement === 'private');
    const findings: Finding[] = [];
    const examined = [];
    for (const [name, tier] of tiers) {
      for (const subnet of tierMembers(view.value, tier).subnets) {
        const table = routeTableFor(view.value, subnet);
        const problem = (text: string) => findings.push({ resource: subnet.arn, account, region, problem: `${name} tier subnet ${subnet.id}: ${text}` });
        examined.push({ tier: name, subnet: subnet.id, routeTable: table?.id ?? null, routes: table?.routes ?? [] });
        if (!table) {
          problem('has no route table');
          continue;
        }
        for (const route of table.routes.filter((r) => r.target.kind === 'internet-gateway')) problem(`${table.id} routes ${route.destination} to the internet gateway ${route.target.id}`);
        const outbound = routeFor(table, INTERNET_SAMPLE, view.value.prefixLists);
        if (!outbound || outbound.target.kind === 'internet-gateway') {
          if (!outbound) problem(`${table.id} has no route to the internet (expected 0.0.0.0/0 to a NAT gateway)`);
          continue;
        }
        if (outbound.target.kind !== 'nat-gateway') {
          problem(`${table.id} sends internet traffic to ${outbound.target.id} (${outbound.target.kind}), not to a NAT gateway`);
          continue;
        }
        const nat = view.value.natGateways.find((n) => n.id === outbound.target.id);
        const natSubnet = view.value.subnets.find((s) => s.id === nat?.subnetId);
        const natTable = natSubnet && routeTableFor(view.value, natSubnet);
        const natRoute = natTable && routeFor(natTable, INTERNET_SAMPLE, view.value.prefixLists);
        if (!nat) problem(`${table.id} sends internet traffic to ${outbound.target.id}, which does not exist`);
        else if (nat.state !== 'available' || nat.connectivityType !== 'public') problem(`${nat.id} is ${nat.state}, ${nat.connectivityType}: it does not carry traffic to the internet`);
        else if (natRoute?.target.kind !== 'internet-gateway') problem(`${nat.id} sits in ${nat.subnetId}, which has no route to an internet gateway (not a public subnet)`);
      }
    }
    if (examined.length === 0) return notApplicable(`no private-tier subnet in ${region}`);
    return verdictFrom({ findings, checked: examined.length, evidence: { subnets: examined } });
  },
};
