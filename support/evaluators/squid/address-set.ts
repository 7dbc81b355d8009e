import ipaddr from 'ipaddr.js';

/**
 * Exact sets of IP addresses as sorted, disjoint, non-adjacent intervals per family — range arithmetic
 * rather than sampling. Addresses are numbers (bigint) within their family's space.
 */
export type Family = 'ipv4' | 'ipv6';
export interface Interval {
  family: Family;
  first: bigint;
  last: bigint;
}

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };
const maxOf = (family: Family): bigint => (1n << BigInt(BITS[family])) - 1n;

export class AddressSet {
  private constructor(readonly intervals: readonly Interval[]) {}

  static readonly empty = new AddressSet([]);
  static readonly everything = new AddressSet([
    { family: 'ipv4', first: 0n, last: maxOf('ipv4') },
    { family: 'ipv6', first: 0n, last: maxOf('ipv6') },
  ]);

  static of(intervals: Interval[]): AddressSet {
    return new AddressSet(normalize(intervals));
  }

  /** "10.0.0.0/16", "10.0.0.0/255.255.0.0", "10.0.0.1", "0.0.0.1-0.255.255.255", "fe80::/10", "all". */
  static parse(text: string): AddressSet {
    return AddressSet.of(parseSpec(text));
  }

  union(other: AddressSet): AddressSet {
    return AddressSet.of([...this.intervals, ...other.intervals]);
  }

  intersect(other: AddressSet): AddressSet {
    const out: Interval[] = [];
    for (const a of this.intervals) {
      for (const b of other.intervals) {
        if (a.family !== b.family) continue;
        const first = a.first > b.first ? a.first : b.first;
        const last = a.last < b.last ? a.last : b.last;
        if (first <= last) out.push({ family: a.family, first, last });
      }
    }
    return AddressSet.of(out);
  }

  subtract(other: AddressSet): AddressSet {
    let remaining = [...this.intervals];
    for (const cut of other.intervals) {
      remaining = remaining.flatMap((r) => {
        if (r.family !== cut.family || cut.last < r.first || cut.first > r.last) return [r];
        const pieces: Interval[] = [];
        if (cut.first > r.first) pieces.push({ family: r.family, first: r.first, last: cut.first - 1n });
        if (cut.last < r.last) pieces.push({ family: r.family, first: cut.last + 1n, last: r.last });
        return pieces;
      });
    }
    return AddressSet.of(remaining);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  equals(other: AddressSet): boolean {
    return this.subtract(other).isEmpty() && other.subtract(this).isEmpty();
  }

  contains(address: string): boolean {
    const point = AddressSet.parse(address);
    return point.subtract(this).isEmpty();
  }

  /** The fewest CIDR blocks that cover exactly this set. */
  toCidrs(): string[] {
    return this.intervals.flatMap((i) => intervalToCidrs(i));
  }

  /** Each interval as "first-last" (or a single CIDR when it is one). */
  toStrings(): string[] {
    return this.intervals.map((i) => {
      const cidrs = intervalToCidrs(i);
      return cidrs.length === 1 ? cidrs[0] : `${formatAddress(i.family, i.first)}-${formatAddress(i.family, i.last)}`;
    });
  }

  /** Every boundary where membership may change: first addresses and one past last addresses. */
  boundaries(): Interval[] {
    return [...this.intervals];
  }
}

function normalize(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.family !== b.family ? (a.family === 'ipv4' ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === i.family && i.first <= last.last + 1n) {
      if (i.last > last.last) out[out.length - 1] = { ...last, last: i.last };
    } else out.push({ ...i });
  }
  return out;
}

export function addressToBigInt(text: string): { family: Family; value: bigint } {
  const parsed = ipaddr.parse(text);
  const family: Family = parsed.kind() === 'ipv4' ? 'ipv4' : 'ipv6';
  const value = parsed.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  return { family, value };
}

export function formatAddress(family: Family, value: bigint): string {
  const bytes: number[] = [];
  for (let i = 0; i < BITS[family] / 8; i++) bytes.unshift(Number((value >> BigInt(8 * i)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString(); // IPv6 compressed, as Squid and AWS write it
}

function prefixInterval(family: Family, value: bigint, prefix: number): Interval {
  const hostBits = BigInt(BITS[family] - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

/** Squid's src/dst address forms (see acl in squid.conf). */
function parseSpec(raw: string): Interval[] {
  const text = raw.trim();
  if (text === 'all') return [...AddressSet.everything.intervals];
  if (text.includes('-')) {
    // addr1-addr2[/mask]: a range of addresses (a mask on a range is applied to both ends by Squid)
    const [range, mask] = text.split('/');
    const [a, b] = range.split('-');
    const from = addressToBigInt(a);
    const to = addressToBigInt(b);
    if (from.family !== to.family || to.value < from.value) throw new Error(`"${raw}" is not an address range`);
    if (mask !== undefined) {
      const prefix = maskToPrefix(from.family, mask);
      return [{ family: from.family, first: prefixInterval(from.family, from.value, prefix).first, last: prefixInterval(from.family, to.value, prefix).last }];
    }
    return [{ family: from.family, first: from.value, last: to.value }];
  }
  const [address, mask] = text.split('/');
  const point = addressToBigInt(address);
  if (mask === undefined) return [{ family: point.family, first: point.value, last: point.value }];
  return [prefixInterval(point.family, point.value, maskToPrefix(point.family, mask))];
}

function maskToPrefix(family: Family, mask: string): number {
  if (/^\d{1,3}$/.test(mask)) {
    const prefix = Number(mask);
    if (prefix > BITS[family]) throw new Error(`/${mask} is too long for ${family}`);
    return prefix;
  }
  const prefix = ipaddr.parse(mask).prefixLengthFromSubnetMask();
  if (prefix === null) throw new Error(`${mask} is not a contiguous netmask`);
  return prefix;
}

function intervalToCidrs(interval: Interval): string[] {
  const out: string[] = [];
  const bits = BITS[interval.family];
  let start = interval.first;
  while (start <= interval.last) {
    let size = 0;
    while (size < bits) {
      const next = size + 1;
      const block = 1n << BigInt(next);
      if (start % block !== 0n || start + block - 1n > interval.last) break;
      size = next;
    }
    out.push(`${formatAddress(interval.family, start)}/${bits - size}`);
    start += 1n << BigInt(size);
  }
  return out;
}

/** A readable address in the middle-ish of an interval (used to pick probe clients, never for verdicts). */
export function hostIn(interval: Interval, offset = 10n): string {
  const size = interval.last - interval.first + 1n;
  const pick = size > offset * 2n ? interval.first + offset : interval.first + size / 2n;
  return formatAddress(interval.family, pick);
}
