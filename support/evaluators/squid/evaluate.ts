import { AddressSet, addressToBigInt, formatAddress, type Family, type Interval } from './address-set';
import { aclValues, describeLine } from './parse';
import type { AccessRule, AclDefinition, SquidConfig } from './types';

/** A request as http_access sees it. Acl types the evaluator does not model are given in `unmodeled`. */
export interface ProxyRequest {
  source: string;
  /** Port of the requested URL (what `port` acls match). */
  port: number;
  method?: string;
  /** Address of the requested host (what `dst` acls match). */
  destination?: string;
  /** Port of the http_port the client connected to (what `localport`/`myport` acls match). */
  localPort?: number;
  /** Names of unmodeled acls (url_regex, proto, ...) to treat as matching; all others do not match. */
  matchingUnmodeled?: string[];
}

export interface AccessDecision {
  action: 'allow' | 'deny';
  /** The deciding http_access line, or the implicit rule when no line matched. */
  by: AccessRule | { implicit: true; lastRule?: AccessRule };
  explanation: string;
  /** Unmodeled acls the decision assumed not to match. */
  assumed: string[];
}

type Matcher =
  | { kind: 'src' | 'dst'; set: AddressSet }
  | { kind: 'port' | 'localport'; ranges: [number, number][] }
  | { kind: 'method'; methods: Set<string> }
  | { kind: 'unmodeled'; type: string };

/** A point in request space: numeric addresses, so that range atoms can be evaluated directly. */
interface Point {
  src: { family: Family; value: bigint };
  dst: { family: Family; value: bigint };
  port: number;
  localPort: number;
  method: string;
  unmodeled: Set<string>;
}

function compile(acl: AclDefinition): Matcher {
  const values = aclValues(acl.values);
  switch (acl.type) {
    case 'src':
      return { kind: 'src', set: values.reduce((s, v) => s.union(AddressSet.parse(v)), AddressSet.empty) };
    case 'dst':
      // dst names resolve through DNS at request time: only literal addresses are modeled
      if (values.every(isAddressSpec)) return { kind: 'dst', set: values.reduce((s, v) => s.union(AddressSet.parse(v)), AddressSet.empty) };
      return { kind: 'unmodeled', type: 'dst (host names)' };
    case 'port':
    case 'localport':
    case 'myport':
      return { kind: acl.type === 'port' ? 'port' : 'localport', ranges: values.map((v) => v.split('-').map(Number) as [number, number]).map(([a, b]) => [a, b ?? a]) };
    case 'method':
      return { kind: 'method', methods: new Set(values.map((v) => v.toUpperCase())) };
    default:
      return { kind: 'unmodeled', type: acl.type };
  }
}

function isAddressSpec(value: string): boolean {
  try {
    AddressSet.parse(value);
    return true;
  } catch {
    return false;
  }
}

class Compiled {
  readonly matchers = new Map<string, Matcher>();
  constructor(readonly config: SquidConfig) {
    for (const acl of config.acls.values()) this.matchers.set(acl.name, compile(acl));
  }

  matches(name: string, point: Point): boolean {
    const m = this.matchers.get(name);
    if (!m) return false; // Squid refuses such a config; parse errors report it
    const inSet = (set: AddressSet, a: { family: Family; value: bigint }) => set.intervals.some((i) => i.family === a.family && i.first <= a.value && a.value <= i.last);
    switch (m.kind) {
      case 'src':
        return inSet(m.set, point.src);
      case 'dst':
        return inSet(m.set, point.dst);
      case 'port':
        return m.ranges.some(([a, b]) => a <= point.port && point.port <= b);
      case 'localport':
        return m.ranges.some(([a, b]) => a <= point.localPort && point.localPort <= b);
      case 'method':
        return m.methods.has(point.method);
      case 'unmodeled':
        return point.unmodeled.has(name);
    }
  }

  ruleMatches(rule: AccessRule, point: Point): boolean {
    return rule.acls.every((ref) => this.matches(ref.name, point) !== ref.negated);
  }

  /** First matching line decides; when none matches, the opposite of the last line's action applies. */
  decide(point: Point): { action: 'allow' | 'deny'; by: AccessDecision['by'] } {
    const rules = this.config.httpAccess;
    for (const rule of rules) if (this.ruleMatches(rule, point)) return { action: rule.action, by: rule };
    const last = rules[rules.length - 1];
    // With no http_access line at all Squid denies every request.
    return { action: last ? (last.action === 'allow' ? 'deny' : 'allow') : 'deny', by: { implicit: true, lastRule: last } };
  }

  /** Acls named by http_access lines (the only ones that decide who may use the proxy). */
  referenced(kind: Matcher['kind']): { name: string; matcher: Matcher }[] {
    const names = new Set(this.config.httpAccess.flatMap((r) => r.acls.map((a) => a.name)));
    return [...names].flatMap((name) => {
      const matcher = this.matchers.get(name);
      return matcher && matcher.kind === kind ? [{ name, matcher }] : [];
    });
  }
}

export function describeDecisionSource(by: AccessDecision['by']): string {
  if ('implicit' in by) {
    return by.lastRule
      ? `no http_access line matched, so the opposite of the last line applies (${describeLine(by.lastRule.at)})`
      : 'no http_access lines: Squid denies every request';
  }
  return describeLine(by.at);
}

/** Is a request from this source, to this port, allowed? */
export function decideRequest(config: SquidConfig, request: ProxyRequest): AccessDecision {
  return requestDecider(config)(request);
}

/** decideRequest for many requests against one config: the acls compiled once. */
export function requestDecider(config: SquidConfig): (request: ProxyRequest) => AccessDecision {
  const compiled = new Compiled(config);
  return (request) => decideCompiled(compiled, config, request);
}

function decideCompiled(compiled: Compiled, config: SquidConfig, request: ProxyRequest): AccessDecision {
  const point: Point = {
    src: addressToBigInt(request.source),
    dst: addressToBigInt(request.destination ?? '198.51.100.1'),
    port: request.port,
    localPort: request.localPort ?? config.httpPorts[0]?.port ?? 3128,
    method: (request.method ?? 'GET').toUpperCase(),
    unmodeled: new Set(request.matchingUnmodeled ?? []),
  };
  const { action, by } = compiled.decide(point);
  const assumed = [...compiled.matchers].filter(([name, m]) => m.kind === 'unmodeled' && !point.unmodeled.has(name) && config.httpAccess.some((r) => r.acls.some((a) => a.name === name))).map(([name]) => name);
  return { action, by, assumed, explanation: `${action} ${request.method ?? 'GET'} from ${request.source} to port ${request.port}: ${describeDecisionSource(by)}` };
}

/** Loopback is the proxy host itself, never a network client: verdicts about clients leave it out. */
export const LOOPBACK = AddressSet.parse('127.0.0.0/8').union(AddressSet.parse('::1'));

export interface AllowedRange {
  range: string;
  /** The line that allows it (for the first request shape found allowed). */
  allowedBy: string;
}

export interface AllowedSources {
  /** Every source address for which at least one request is allowed. */
  allowed: AddressSet;
  /** Each allowed range with the line that allows it. */
  ranges: AllowedRange[];
  /** Unmodeled acls, taken as possibly matching or not (every combination is tried). */
  unmodeled: string[];
}

const MAX_UNMODELED = 10;
const UNLISTED_METHOD = 'GET';

/**
 * The exact set of source addresses that can use the proxy: split source space at every boundary of the
 * src acls the http_access lines name (inside each piece all addresses are treated alike), and for each
 * piece ask whether ANY request — any port, method, destination, listening port, and every combination
 * of unmodeled acls — is allowed. Range arithmetic, not sampling.
 */
export function allowedSources(config: SquidConfig): AllowedSources {
  const compiled = new Compiled(config);
  const unmodeled = compiled.referenced('unmodeled').map((r) => r.name);
  if (unmodeled.length > MAX_UNMODELED) throw new Error(`too many unmodeled acls in http_access (${unmodeled.join(', ')})`);

  const srcAtoms = atoms(compiled.referenced('src').map((r) => (r.matcher as { set: AddressSet }).set));
  const dstAtoms = atoms(compiled.referenced('dst').map((r) => (r.matcher as { set: AddressSet }).set)).map((a) => ({ family: a.family, value: a.first }));
  const ports = portAtoms(compiled.referenced('port').flatMap((r) => (r.matcher as { ranges: [number, number][] }).ranges));
  const listening = config.httpPorts.map((p) => p.port);
  const localPorts = listening.length > 0 ? [...new Set(listening)] : portAtoms(compiled.referenced('localport').flatMap((r) => (r.matcher as { ranges: [number, number][] }).ranges));
  const methods = [...new Set([UNLISTED_METHOD, ...compiled.referenced('method').flatMap((r) => [...(r.matcher as { methods: Set<string> }).methods]), 'UNLISTED-METHOD'])];
  const unmodeledCombos = Array.from({ length: 2 ** unmodeled.length }, (_, bits) => new Set(unmodeled.filter((_, i) => bits & (1 << i))));

  const allowed: Interval[] = [];
  const ranges: { interval: Interval; by: string }[] = [];
  for (const atom of srcAtoms) {
    const by = firstAllowing(compiled, { family: atom.family, value: atom.first }, dstAtoms, ports, localPorts, methods, unmodeledCombos);
    if (by === undefined) continue;
    allowed.push(atom);
    const previous = ranges[ranges.length - 1];
    if (previous && previous.by === by && previous.interval.family === atom.family && previous.interval.last + 1n === atom.first) previous.interval = { ...previous.interval, last: atom.last };
    else ranges.push({ interval: atom, by });
  }
  return {
    allowed: AddressSet.of(allowed),
    ranges: ranges.flatMap((r) => AddressSet.of([r.interval]).toStrings().map((range) => ({ range, allowedBy: r.by }))),
    unmodeled,
  };
}

function firstAllowing(
  compiled: Compiled,
  src: Point['src'],
  dsts: Point['dst'][],
  ports: number[],
  localPorts: number[],
  methods: string[],
  combos: Set<string>[],
): string | undefined {
  for (const dst of dsts)
    for (const port of ports)
      for (const localPort of localPorts)
        for (const method of methods)
          for (const unmodeled of combos) {
            const decision = compiled.decide({ src, dst, port, localPort, method, unmodeled });
            if (decision.action === 'allow') return describeDecisionSource(decision.by);
          }
  return undefined;
}

/** A request shape a client can send: the URL's port and the method. */
export interface RequestShape {
  method: string;
  port: number;
}

/** Methods tried for a method that no acl lists (the evaluator's "any other method"). */
const OTHER_METHODS = ['OPTIONS', 'PUT', 'DELETE', 'PATCH', 'PROPFIND'];

/**
 * Every distinct request shape as the http_access lines tell them apart: one port per piece of the port
 * acls' ranges, GET, CONNECT, every method an acl lists and one method none lists. Each shape stands for
 * all requests alike under these acls (what a real-Squid probe must try to cover the evaluator's answer).
 */
export function requestShapes(config: SquidConfig): RequestShape[] {
  const compiled = new Compiled(config);
  const ports = portAtoms(compiled.referenced('port').flatMap((r) => (r.matcher as { ranges: [number, number][] }).ranges));
  const listed = compiled.referenced('method').flatMap((r) => [...(r.matcher as { methods: Set<string> }).methods]);
  const other = OTHER_METHODS.find((m) => !listed.includes(m));
  const methods = [...new Set(['GET', 'CONNECT', ...listed, ...(other ? [other] : [])])];
  return methods.flatMap((method) => ports.map((port) => ({ method, port })));
}

/** Split both address families at every boundary of the given sets. */
function atoms(sets: AddressSet[]): Interval[] {
  const out: Interval[] = [];
  for (const family of ['ipv4', 'ipv6'] as Family[]) {
    const max = AddressSet.everything.intervals.find((i) => i.family === family)!.last;
    const cuts = new Set<bigint>([0n]);
    for (const set of sets)
      for (const i of set.intervals) {
        if (i.family !== family) continue;
        cuts.add(i.first);
        if (i.last < max) cuts.add(i.last + 1n);
      }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((first, k) => out.push({ family, first, last: k + 1 < sorted.length ? sorted[k + 1] - 1n : max }));
  }
  return out;
}

/** One representative port per piece of 0..65535 split at every port-range boundary. */
function portAtoms(ranges: [number, number][]): number[] {
  const cuts = new Set<number>([1]);
  for (const [a, b] of ranges) {
    cuts.add(a);
    if (b < 65535) cuts.add(b + 1);
  }
  return [...cuts].sort((a, b) => a - b);
}

export { formatAddress };
