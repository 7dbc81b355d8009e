import type { PrefixList, ProtocolNumber, SecurityGroup, SgPeer, SgRule } from '../../inventory/types/network';
import { cidrContains, cidrFamily, isAnywhere, type Family } from './cidr';
import { describeTraffic, hasPorts, portInRange, protocolMatches } from './flow';

/**
 * Security groups as AWS evaluates them: the union of the allow rules of every group on the interface
 * (there is no deny), matched on CIDR, IPv6 CIDR, managed prefix list or the other end's own groups.
 * Stateful: a reply to an allowed connection is allowed whatever the other direction says. A new group
 * has no ingress rules and one egress rule allowing everything.
 */

export type SgDirection = 'ingress' | 'egress';

/** The other end of a connection: its address and, inside the VPC, the groups on its interface. */
export interface SgPeerEndpoint {
  address: string;
  groupIds: readonly string[];
}

export type SgDecision =
  | { allowed: true; groupId: string; rule: SgRule; explanation: string }
  | { allowed: false; explanation: string };

export function describePeer(peer: SgPeer, prefixLists?: ReadonlyMap<string, PrefixList>): string {
  if (peer.kind === 'cidr') return peer.cidr;
  if (peer.kind === 'group') return `security group ${peer.groupId}`;
  const list = prefixLists?.get(peer.id);
  return `prefix list ${peer.id}${list ? ` (${list.name})` : ''}`;
}

export function describeSgRule(rule: SgRule, direction: SgDirection, prefixLists?: ReadonlyMap<string, PrefixList>): string {
  return `${direction === 'ingress' ? 'allows' : 'allows out'} ${describeTraffic(rule.protocol, rule.ports)} ${direction === 'ingress' ? 'from' : 'to'} ${describePeer(rule.peer, prefixLists)}`;
}

export function ruleMatchesTraffic(rule: SgRule, protocol: ProtocolNumber, port: number): boolean {
  if (!protocolMatches(rule.protocol, protocol)) return false;
  if (hasPorts(rule.protocol)) return portInRange(port, rule.ports);
  if ((rule.protocol === '1' || rule.protocol === '58') && rule.ports && rule.ports.from !== -1) return rule.ports.from === port;
  return true;
}

export function peerMatches(peer: SgPeer, other: SgPeerEndpoint, prefixLists: ReadonlyMap<string, PrefixList>): boolean {
  if (peer.kind === 'cidr') return cidrContains(peer.cidr, other.address);
  if (peer.kind === 'group') return other.groupIds.includes(peer.groupId);
  return (prefixLists.get(peer.id)?.cidrs ?? []).some((cidr) => cidrContains(cidr, other.address));
}

/** Does any rule of any of these groups allow the connection? (Union of allows; nothing can deny.) */
export function decideSecurityGroups(
  groups: readonly SecurityGroup[],
  direction: SgDirection,
  traffic: { protocol: ProtocolNumber; port: number; other: SgPeerEndpoint },
  prefixLists: ReadonlyMap<string, PrefixList> = new Map(),
): SgDecision {
  for (const group of groups) {
    const rules = direction === 'ingress' ? group.ingress : group.egress;
    const rule = rules.find((r) => ruleMatchesTraffic(r, traffic.protocol, traffic.port) && peerMatches(r.peer, traffic.other, prefixLists));
    if (rule) return { allowed: true, groupId: group.id, rule, explanation: `${group.id} ${describeSgRule(rule, direction, prefixLists)}` };
  }
  const names = groups.map((g) => g.id).join(', ') || 'no security group';
  const way = direction === 'ingress' ? `in from ${traffic.other.address}` : `out to ${traffic.other.address}`;
  return { allowed: false, explanation: `no ${direction} rule of ${names} allows ${describeTraffic(traffic.protocol, { from: traffic.port, to: traffic.port })} ${way} (security groups only allow; what no rule allows is dropped)` };
}

/** An ingress rule that opens `port` (TCP or UDP) to every address of `family`, directly or through a prefix list. */
export function opensPortToAnywhere(rule: SgRule, port: number, family: Family, prefixLists: ReadonlyMap<string, PrefixList> = new Map()): boolean {
  if (!ruleMatchesTraffic(rule, '6', port) && !ruleMatchesTraffic(rule, '17', port)) return false;
  const cidrs = rule.peer.kind === 'cidr' ? [rule.peer.cidr] : rule.peer.kind === 'prefix-list' ? (prefixLists.get(rule.peer.id)?.cidrs ?? []) : [];
  return cidrs.some((cidr) => cidrFamily(cidr) === family && isAnywhere(cidr));
}

/** Every ingress rule that admits anything from 0.0.0.0/0 or ::/0. */
export function rulesFromAnywhere(group: SecurityGroup, prefixLists: ReadonlyMap<string, PrefixList> = new Map()): SgRule[] {
  return group.ingress.filter((rule) => {
    const cidrs = rule.peer.kind === 'cidr' ? [rule.peer.cidr] : rule.peer.kind === 'prefix-list' ? (prefixLists.get(rule.peer.id)?.cidrs ?? []) : [];
    return cidrs.some(isAnywhere);
  });
}

