import type { NetworkInterface, PrefixList, ProtocolNumber, SecurityGroup, SgRule } from '../../inventory/types/network';
import { AddressSet, cidrFamily, type Family } from './cidr';
import { describePeer, ruleMatchesTraffic } from './security-group';

/**
 * A security group's ingress as a set of addresses: for one protocol and port, the union of every rule
 * that matches (CIDR, IPv6 CIDR, prefix list entries, and the interfaces of a referenced group). The group
 * is open to the internet when that union covers every public address of the family, however it is split
 * (0.0.0.0/1 + 128.0.0.0/1, /8s, a prefix list of them): AWS unions the rules, so must we.
 *
 * Public = all addresses but these, which no internet source can have:
 * IPv4: 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10 (CGNAT), 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12,
 * 192.0.0.0/24, 192.168.0.0/16, 198.18.0.0/15 (benchmarking), 224.0.0.0/4 (multicast), 240.0.0.0/4
 * (reserved, broadcast); IPv6: everything outside global unicast 2000::/3.
 * A referenced group admits only the interfaces in it (their private and public addresses, as read):
 * never the internet. A prefix list that was not read makes the answer unknown.
 */
export const NOT_PUBLIC: Record<Family, readonly string[]> = {
  ipv4: ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '224.0.0.0/4', '240.0.0.0/4'],
  ipv6: [],
};

const publicByFamily = new Map<Family, AddressSet>();

/** Built once per family (an AddressSet never changes): each group, port and protocol starts from it. */
export function publicAddresses(family: Family): AddressSet {
  let set = publicByFamily.get(family);
  if (!set) {
    set = family === 'ipv6' ? AddressSet.everything('ipv6').intersect('2000::/3') : NOT_PUBLIC.ipv4.reduce((all, cidr) => all.minus(cidr), AddressSet.everything('ipv4'));
    publicByFamily.set(family, set);
  }
  return set;
}

/** What the rules of a group can be resolved against. */
export interface ExposureContext {
  prefixLists: ReadonlyMap<string, PrefixList>;
  /** Interfaces by security group id (a referenced group's members); absent when they were not read. */
  interfaces?: readonly NetworkInterface[];
}

export interface InternetExposure {
  family: Family;
  protocol: ProtocolNumber;
  /** The rules whose addresses make up the public coverage. */
  rules: SgRule[];
}

/** A rule's source addresses; null when a prefix list it names was not read. */
function ruleAddresses(rule: SgRule, context: ExposureContext): string[] | null {
  const { peer } = rule;
  if (peer.kind === 'cidr') return [peer.cidr];
  if (peer.kind === 'prefix-list') return context.prefixLists.get(peer.id)?.cidrs ?? null;
  const members = (context.interfaces ?? []).filter((n) => n.securityGroupIds.includes(peer.groupId));
  const hosts = members.flatMap((n) => [n.privateIp, n.publicIp ?? '', ...n.ipv6Addresses]).filter(Boolean);
  return hosts.map((address) => (address.includes(':') ? `${address}/128` : `${address}/32`));
}

/**
 * Does the union of the rules that pass `selects` (for this protocol) cover every public address of
 * `family`? Returns the covering rules, null when it does not, or 'unknown' when an unread prefix
 * list could make the difference.
 */
export function internetCoverage(
  rules: readonly SgRule[],
  protocol: ProtocolNumber,
  family: Family,
  context: ExposureContext,
  selects: (rule: SgRule) => boolean,
): InternetExposure | null | 'unknown' {
  let uncovered = publicAddresses(family);
  const contributing: SgRule[] = [];
  let unknown = false;
  for (const rule of rules) {
    if (!selects(rule)) continue;
    const addresses = ruleAddresses(rule, context);
    if (addresses === null) {
      unknown = true;
      continue;
    }
    const before = uncovered;
    for (const cidr of addresses) if (cidrFamily(cidr) === family) uncovered = uncovered.minus(cidr);
    if (!before.equals(uncovered)) contributing.push(rule);
    if (uncovered.isEmpty()) return { family, protocol, rules: contributing };
  }
  return unknown ? 'unknown' : null;
}

/** TCP and UDP `port` from the internet (either protocol): the first covering union, or 'unknown', or null. */
export function portOpenToInternet(group: SecurityGroup, port: number, family: Family, context: ExposureContext): InternetExposure | null | 'unknown' {
  let unknown = false;
  for (const protocol of ['6', '17'] as const) {
    const found = internetCoverage(group.ingress, protocol, family, context, (rule) => ruleMatchesTraffic(rule, protocol, port));
    if (found === 'unknown') unknown = true;
    else if (found) return found;
  }
  return unknown ? 'unknown' : null;
}

/** Every port at once: rules of protocol "all", or TCP/UDP 0-65535, whose union covers the internet. */
export function allPortsOpenToInternet(group: SecurityGroup, family: Family, context: ExposureContext): InternetExposure | null | 'unknown' {
  let unknown = false;
  for (const protocol of ['6', '17'] as const) {
    const everyPort = (rule: SgRule) => rule.protocol === '-1' || (rule.protocol === protocol && (rule.ports === undefined || (rule.ports.from <= 0 && rule.ports.to >= 65535)));
    const found = internetCoverage(group.ingress, protocol, family, context, everyPort);
    if (found === 'unknown') unknown = true;
    else if (found) return found;
  }
  return unknown ? 'unknown' : null;
}

/** "0.0.0.0/1, 128.0.0.0/1" or "prefix list pl-… (name)": what made the union. */
export function describeCoverage(exposure: InternetExposure, prefixLists: ReadonlyMap<string, PrefixList>): string {
  return exposure.rules.map((r) => describePeer(r.peer, prefixLists)).join(' + ');
}
