import type { NaclEntry, NetworkAcl, ProtocolNumber } from '../../inventory/types/network';
import { ANYWHERE, AddressSet, cidrContains, cidrFamily, isAnywhere, type Family } from './cidr';
import { describeTraffic, hasPorts, portInRange, protocolMatches, protocolName, type Packet } from './flow';

/**
 * A network ACL as AWS evaluates it: ingress and egress separately, entries in ascending rule number, the
 * first entry that matches decides, and the final `*` rule (stored as 32767) denies what nothing matched.
 * Stateless: a reply is a packet of its own and must be allowed in the other direction.
 */

export type Direction = 'ingress' | 'egress';

/** AWS shows the catch-all deny as rule number 32767 in the API and as `*` in the console. */
export const STAR_RULE = 32767;

export interface NaclDecision {
  action: 'allow' | 'deny';
  /** "100", or "*" for the catch-all deny. */
  rule: string;
  entry: NaclEntry | null;
}

export function ruleLabel(entry: NaclEntry | null): string {
  return !entry || entry.ruleNumber >= STAR_RULE ? '*' : String(entry.ruleNumber);
}

export function entriesInOrder(entries: readonly NaclEntry[], direction: Direction): NaclEntry[] {
  return entries.filter((e) => e.egress === (direction === 'egress')).sort((a, b) => a.ruleNumber - b.ruleNumber);
}

/** Protocol and port only (the address is matched separately). */
export function entryMatchesTraffic(entry: NaclEntry, protocol: ProtocolNumber, port: number): boolean {
  if (!protocolMatches(entry.protocol, protocol)) return false;
  if (hasPorts(entry.protocol)) return portInRange(port, entry.portRange);
  if ((entry.protocol === '1' || entry.protocol === '58') && entry.icmp && entry.icmp.type !== -1) return entry.icmp.type === port;
  return true;
}

/** Ingress entries are matched on the packet's source, egress entries on its destination. */
export function entryMatches(entry: NaclEntry, direction: Direction, packet: Packet): boolean {
  const address = direction === 'ingress' ? packet.source : packet.destination;
  return cidrContains(entry.cidr, address) && entryMatchesTraffic(entry, packet.protocol, packet.port);
}

export function decideNacl(acl: Pick<NetworkAcl, 'entries'>, direction: Direction, packet: Packet): NaclDecision {
  for (const entry of entriesInOrder(acl.entries, direction)) {
    if (entryMatches(entry, direction, packet)) return { action: entry.action, rule: ruleLabel(entry), entry };
  }
  // No entry matched (e.g. an IPv6 packet where only the IPv4 `*` entry is listed): the implicit deny.
  return { action: 'deny', rule: '*', entry: null };
}

export function describeEntry(entry: NaclEntry): string {
  const way = entry.egress ? 'to' : 'from';
  return `rule ${ruleLabel(entry)} ${entry.action}s ${describeTraffic(entry.protocol, entry.portRange)} ${way} ${entry.cidr}`;
}

/** An allow that lets a port in from anywhere, with the addresses that still reach it past earlier rules. */
export interface OpenFromAnywhere {
  family: Family;
  protocol: ProtocolNumber;
  port: number;
  /** The allowing rules that decide it. */
  rules: string[];
  reachedBy: string;
  /** Which rule(s) admit it and how far earlier rules narrow them, e.g. "ingress rule 100 allows all traffic from 0.0.0.0/0". */
  decidedBy: string;
  explanation: string;
}

/**
 * Does this ACL, evaluated in order, admit `protocol`/`port` from anywhere? It does when an allow for
 * 0.0.0.0/0 (or ::/0) is still reached by some address after the earlier entries, or when the allows
 * together admit every address. An allow shadowed by an earlier deny of the same traffic admits nothing.
 */
export function openFromAnywhere(acl: Pick<NetworkAcl, 'entries'>, protocol: ProtocolNumber, port: number, family: Family): OpenFromAnywhere | null {
  let unmatched = AddressSet.everything(family);
  let admitted = AddressSet.none(family);
  const allowing: { entry: NaclEntry; reached: AddressSet }[] = [];
  for (const entry of entriesInOrder(acl.entries, 'ingress')) {
    if (cidrFamily(entry.cidr) !== family || !entryMatchesTraffic(entry, protocol, port)) continue;
    const reached = unmatched.intersect(entry.cidr);
    unmatched = unmatched.minus(entry.cidr);
    if (entry.action !== 'allow' || reached.isEmpty()) continue;
    admitted = admitted.union(reached);
    allowing.push({ entry, reached });
  }
  const traffic = `${protocolName(protocol)} ${port}`;
  const fromAnywhere = allowing.find((a) => isAnywhere(a.entry.cidr));
  if (fromAnywhere) {
    const whole = fromAnywhere.reached.isEverything();
    const decidedBy = `ingress ${describeEntry(fromAnywhere.entry)}${whole ? '' : `, reached by ${fromAnywhere.reached.describe()} past the earlier rules`}`;
    return { family, protocol, port, rules: [ruleLabel(fromAnywhere.entry)], reachedBy: fromAnywhere.reached.describe(), decidedBy, explanation: `${decidedBy}: ${traffic} is admitted from ${ANYWHERE[family]}` };
  }
  if (admitted.isEverything()) {
    const rules = allowing.map((a) => ruleLabel(a.entry));
    const decidedBy = `ingress rules ${rules.join(', ')} together cover every ${family} address`;
    return { family, protocol, port, rules, reachedBy: ANYWHERE[family], decidedBy, explanation: `${decidedBy}: ${traffic} is admitted from ${ANYWHERE[family]}` };
  }
  return null;
}
