import { cidrContains, hostInCidr } from '../../evaluators/network/cidr';
import { describeTraffic } from '../../evaluators/network/flow';
import { canReach, describeEndpoint, hopLabel, type Endpoint } from '../../evaluators/network/path';
import type { ProtocolNumber } from '../../inventory/types/network';
import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { INTERNET_SAMPLE, INTERNET_SAMPLE_IPV6, networkView, tierHosts } from './facts';

/** One end of a reachability question, in the words of the feature: the internet, an admin address, a tier. */
export type Party = { kind: 'internet'; ipv6?: boolean } | { kind: 'admin' } | { kind: 'tier'; tier: string };

export interface ReachabilityQuestion {
  source: Party;
  target: Party;
  protocol: ProtocolNumber;
  port: number;
  expected: 'allowed' | 'blocked';
}

export function parseParty(words: string): Party {
  if (words === 'the internet') return { kind: 'internet' };
  if (words === 'the IPv6 internet') return { kind: 'internet', ipv6: true };
  if (words === 'an admin address') return { kind: 'admin' };
  const tier = /^the ([a-z0-9-]+) tier$/.exec(words);
  if (tier) return { kind: 'tier', tier: tier[1] };
  throw new Error(`"${words}" is not a party: say "the internet", "the IPv6 internet", "an admin address" or "the <name> tier"`);
}

function partyName(party: Party): string {
  return party.kind === 'internet' ? (party.ipv6 ? 'the IPv6 internet' : 'the internet') : party.kind === 'admin' ? 'an admin address' : `the ${party.tier} tier`;
}

/**
 * A reachability question as a control: every host of the source against every host of the target, each
 * decided hop by hop. Compliant when every flow comes out as expected; a finding names the deciding hop.
 */
/** The control every reachability row is an instance of; a row's id is this id plus the flow. */
export const reachabilityMeta: RuleMeta = {
  id: 'network.reachability',
  title: 'Reachability: each flow of the table is allowed or blocked as designed',
  domain: 'network',
  severity: 'high', // the Outline's one @severity tag: a wrong path either way is a design break
  rationale: 'Whether a packet gets through is decided by routes, both directions of the subnet NACLs and the security groups together; the layers are evaluated as the packet meets them.',
  remediation: 'Fix the deciding hop named in the finding (route table, network ACL rule or security group rule).',
};

export function reachability(question: ReachabilityQuestion): Control<'network'> {
  const traffic = describeTraffic(question.protocol, { from: question.port, to: question.port });
  const meta: RuleMeta = {
    ...reachabilityMeta,
    id: `${reachabilityMeta.id}.${partyName(question.source)}->${partyName(question.target)}.${traffic}`.replace(/\s+/g, '-'),
    title: `${partyName(question.source)} → ${partyName(question.target)} on ${traffic} is ${question.expected}`,
  };
  return {
    meta,
    inventory: 'network',
    evaluate(inventory, { account, region, config }) {
      const view = networkView(inventory);
      if (view.kind === 'not-collected') return notVerified(view.reason);
      const endpoints = (party: Party): Endpoint[] | string => {
        if (party.kind === 'internet') {
          if (party.ipv6) return [{ kind: 'internet', address: INTERNET_SAMPLE_IPV6 }];
          const admin = config.network.adminCidrs.find((c) => cidrContains(c, INTERNET_SAMPLE));
          return admin ? `the internet sample address ${INTERNET_SAMPLE} lies inside network.adminCidrs (${admin})` : [{ kind: 'internet', address: INTERNET_SAMPLE }];
        }
        if (party.kind === 'admin') {
          return config.network.adminCidrs.length === 0 ? 'network.adminCidrs is empty' : config.network.adminCidrs.map((c) => ({ kind: 'internet' as const, address: hostInCidr(c, 10) }));
        }
        const tier = config.network.tiers[party.tier];
        if (!tier) return `network.tiers has no tier "${party.tier}"`;
        const hosts = tierHosts(view.value, party.tier, tier);
        return hosts.length > 0 ? hosts : `no ${party.tier} tier instance, or subnet with a ${party.tier} tier security group, in ${region}`;
      };
      const sources = endpoints(question.source);
      const targets = endpoints(question.target);
      for (const side of [sources, targets]) if (typeof side === 'string') return side.startsWith('no ') ? notApplicable(side) : notVerified(side);
      const findings: Finding[] = [];
      const flows = [];
      for (const source of sources as Endpoint[]) {
        for (const target of targets as Endpoint[]) {
          if (source.kind === 'host' && target.kind === 'host' && source.resource === target.resource) continue;
          const verdict = canReach(view.value, source, target, question);
          const outcome = verdict.reachable ? 'allowed' : 'blocked';
          flows.push({ source: describeEndpoint(source), target: describeEndpoint(target), traffic, outcome, decidedBy: hopLabel(verdict.deciding), explanation: verdict.explanation, hops: verdict.hops });
          if (outcome !== question.expected) {
            const resource = target.kind === 'host' ? target.resource : (source as { resource: string }).resource;
            findings.push({ resource, account, region, problem: `${describeEndpoint(source)} → ${describeEndpoint(target)} on ${traffic}: expected ${question.expected}, but ${verdict.explanation}` });
          }
        }
      }
      // A tier asked about itself with one host has no flow to decide: nothing was checked, so no pass.
      if (flows.length === 0) return notApplicable(`no pair of distinct hosts between ${partyName(question.source)} and ${partyName(question.target)} in ${region}`);
      return verdictFrom({ findings, checked: flows.length, evidence: { question: { ...question, traffic }, flows } });
    },
  };
}
