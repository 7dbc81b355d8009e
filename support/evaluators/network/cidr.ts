import ipaddr from 'ipaddr.js';
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange } from 'ip-num';

/** Address arithmetic for the network evaluators: parsing and matching by ipaddr.js, ranges by ip-num. */

export type Family = 'ipv4' | 'ipv6';

export const ANYWHERE: Record<Family, string> = { ipv4: '0.0.0.0/0', ipv6: '::/0' };

export function isAddress(text: string): boolean {
  return ipaddr.isValid(text);
}

export function addressFamily(address: string): Family {
  return ipaddr.parse(address).kind() === 'ipv6' ? 'ipv6' : 'ipv4';
}

export function cidrFamily(cidr: string): Family {
  return parsedCidr(cidr).family;
}

/**
 * A CIDR parsed once per process: an estate's few hundred distinct CIDRs are compared thousands of times
 * (every group, rule and port), and parsing dominated an audit's CPU (17 of 33 s on estate L).
 */
interface ParsedCidr {
  family: Family;
  prefix: number;
  interval: Interval;
}
const PARSED = new Map<string, ParsedCidr>();
const PARSED_LIMIT = 100_000;

function parsedCidr(cidr: string): ParsedCidr {
  const known = PARSED.get(cidr);
  if (known) return known;
  const [network, prefix] = ipaddr.parseCIDR(cidr);
  const family: Family = network.kind() === 'ipv6' ? 'ipv6' : 'ipv4';
  // ip-num wants the network address; ipaddr.js normalises host bits away first.
  const range =
    family === 'ipv4'
      ? IPv4CidrRange.fromCidr(`${ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()}/${prefix}`)
      : IPv6CidrRange.fromCidr(`${ipaddr.IPv6.networkAddressFromCIDR(cidr).toString()}/${prefix}`);
  const parsed = Object.freeze({ family, prefix, interval: Object.freeze({ first: range.getFirst().getValue(), last: range.getLast().getValue() }) });
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear(); // bounded: a pathological input cannot grow it without end
  PARSED.set(cidr, parsed);
  return parsed;
}

/** Whether the CIDR covers the address; an address of the other family is never covered. */
export function cidrContains(cidr: string, address: string): boolean {
  const [network, bits] = ipaddr.parseCIDR(cidr);
  const parsed = ipaddr.parse(address);
  return parsed.kind() === network.kind() && parsed.match(network, bits);
}

export function prefixLength(cidr: string): number {
  return parsedCidr(cidr).prefix;
}

/** 0.0.0.0/0 or ::/0: every address of its family. */
export function isAnywhere(cidr: string): boolean {
  return prefixLength(cidr) === 0;
}

/** Whether `inner` lies wholly inside `outer` (same family). */
export function cidrWithin(inner: string, outer: string): boolean {
  if (cidrFamily(inner) !== cidrFamily(outer)) return false;
  const a = bounds(inner);
  const b = bounds(outer);
  return a.first >= b.first && a.last <= b.last;
}

/** A host address inside the CIDR, `offset` addresses after the network address (AWS reserves the first four). */
export function hostInCidr(cidr: string, offset: number): string {
  const family = cidrFamily(cidr);
  const { first, last } = bounds(cidr);
  const value = first + BigInt(offset) <= last ? first + BigInt(offset) : first;
  return toAddress(family, value);
}

interface Interval {
  first: bigint;
  last: bigint;
}

function bounds(cidr: string): Interval {
  return parsedCidr(cidr).interval;
}

function toAddress(family: Family, value: bigint): string {
  return family === 'ipv4' ? IPv4.fromNumber(value).toString() : ipaddr.parse(IPv6.fromBigInt(value).toString()).toString();
}

/** A set of addresses of one family, as sorted disjoint ranges: what a NACL rule is still reached by. */
export class AddressSet {
  private constructor(
    readonly family: Family,
    private readonly ranges: readonly Interval[],
  ) {}

  static everything(family: Family): AddressSet {
    return new AddressSet(family, [bounds(ANYWHERE[family])]);
  }

  static none(family: Family): AddressSet {
    return new AddressSet(family, []);
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  isEverything(): boolean {
    const all = bounds(ANYWHERE[this.family]);
    return this.ranges.length === 1 && this.ranges[0].first === all.first && this.ranges[0].last === all.last;
  }

  intersect(cidr: string): AddressSet {
    if (cidrFamily(cidr) !== this.family) return AddressSet.none(this.family);
    const b = bounds(cidr);
    const kept = this.ranges
      .map((r) => ({ first: r.first > b.first ? r.first : b.first, last: r.last < b.last ? r.last : b.last }))
      .filter((r) => r.first <= r.last);
    return new AddressSet(this.family, kept);
  }

  minus(cidr: string): AddressSet {
    if (cidrFamily(cidr) !== this.family) return this;
    const b = bounds(cidr);
    const kept: Interval[] = [];
    for (const r of this.ranges) {
      if (r.last < b.first || r.first > b.last) kept.push(r);
      else {
        if (r.first < b.first) kept.push({ first: r.first, last: b.first - 1n });
        if (r.last > b.last) kept.push({ first: b.last + 1n, last: r.last });
      }
    }
    return new AddressSet(this.family, kept);
  }

  union(other: AddressSet): AddressSet {
    const sorted = [...this.ranges, ...other.ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const merged: Interval[] = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r.first <= last.last + 1n) last.last = r.last > last.last ? r.last : last.last;
      else merged.push({ ...r });
    }
    return new AddressSet(this.family, merged);
  }

  /** The same ranges (both kept sorted and disjoint): the same addresses, without writing them out. */
  equals(other: AddressSet): boolean {
    return this.family === other.family && this.ranges.length === other.ranges.length && this.ranges.every((r, i) => r.first === other.ranges[i].first && r.last === other.ranges[i].last);
  }

  /** "11.0.0.0-255.255.255.255" style, the first few ranges. */
  describe(limit = 3): string {
    if (this.isEmpty()) return 'no address';
    if (this.isEverything()) return ANYWHERE[this.family];
    const shown = this.ranges.slice(0, limit).map((r) => `${toAddress(this.family, r.first)}-${toAddress(this.family, r.last)}`);
    return this.ranges.length > limit ? `${shown.join(', ')}, …` : shown.join(', ');
  }
}
