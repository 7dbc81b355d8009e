import { AddressSet, hostIn } from '../../evaluators/squid/address-set';
import { allowedSources, describeDecisionSource, LOOPBACK, requestDecider, requestShapes } from '../../evaluators/squid/evaluate';
import type { SquidConfig } from '../../evaluators/squid/types';
import { MAIN_REQUEST, ORIGIN, usableClientAddress, type Probe, type ProbeRequest } from './harness';

/**
 * What the real Squid is asked: which clients, and which requests each sends. Clients: one inside the
 * VPC, a documentation address outside it, and one in each range the evaluator finds served beyond it.
 * Requests: the main GET to port 80, then for every answer the evaluator gives this client (allow or deny,
 * and the line that decides) a few of the request shapes (port, method) that get it — so a port or
 * method on which Squid and the evaluator disagree shows up.
 */
const DOCUMENTATION_CLIENT = '192.0.2.10'; // TEST-NET-1: outside any VPC
const MAX_EXTRA_PROBES = 3;
const SHAPES_PER_ANSWER = 3;
export const MAX_REQUESTS_PER_CLIENT = 16;

function vpcSet(cidrs: string[]): AddressSet {
  return cidrs.reduce((set, cidr) => set.union(AddressSet.parse(cidr)), AddressSet.empty);
}

/** A client address to try in each range the evaluator says is served beyond the VPC (to show it on the real Squid). */
function probeIn(set: AddressSet): string[] {
  return set.intervals
    .filter((i) => i.family === 'ipv4')
    .flatMap((i) => {
      const candidates = [hostIn(i, 10n), hostIn(i, (i.last - i.first) / 2n), hostIn(i, 0n)];
      return candidates.filter(usableClientAddress).slice(0, 1);
    });
}

/** Which clients to send: one inside the VPC, one documentation address outside it, and one per range served beyond it. */
export function probesFor(vpcCidrs: string[], beyondVpc: AddressSet): Probe[] {
  const vpc = vpcSet(vpcCidrs);
  const v4 = vpc.intervals.find((i) => i.family === 'ipv4');
  const probes: Probe[] = [];
  if (v4) probes.push({ label: `inside the VPC (${vpcCidrs.join(', ')})`, address: hostIn(v4, 266n), expect: 'served' });
  if (!vpc.contains(DOCUMENTATION_CLIENT)) probes.push({ label: 'outside the VPC (documentation address)', address: DOCUMENTATION_CLIENT, expect: 'refused' });
  for (const address of probeIn(beyondVpc).slice(0, MAX_EXTRA_PROBES)) {
    if (!probes.some((p) => p.address === address)) probes.push({ label: 'outside the VPC, in a range the evaluator finds served', address, expect: 'refused' });
  }
  return probes;
}

/** The request shapes a client sends beside the main GET: a few per distinct evaluator answer. */
export function requestsFor(config: SquidConfig, address: string, localPort?: number): ProbeRequest[] {
  const decide = requestDecider(config);
  const byAnswer = new Map<string, ProbeRequest[]>();
  for (const shape of requestShapes(config)) {
    const decision = decide({ source: address, port: shape.port, method: shape.method, destination: ORIGIN.address, localPort });
    const key = `${decision.action} ${describeDecisionSource(decision.by)}`;
    byAnswer.set(key, [...(byAnswer.get(key) ?? []), shape]);
  }
  const isMain = (r: ProbeRequest) => r.method === MAIN_REQUEST.method && r.port === MAIN_REQUEST.port;
  // Round-robin over the answers so that every answer is tried before any is tried twice.
  const groups = [...byAnswer.values()].map((shapes) => diverse(shapes.filter((s) => !isMain(s))).slice(0, SHAPES_PER_ANSWER));
  const out: ProbeRequest[] = [];
  for (let k = 0; k < SHAPES_PER_ANSWER; k++) for (const group of groups) if (group[k]) out.push(group[k]);
  return out.slice(0, MAX_REQUESTS_PER_CLIENT - 1);
}

/** One shape of each method first (GET, CONNECT, ...), then the rest in order. */
function diverse(shapes: ProbeRequest[]): ProbeRequest[] {
  const firsts = shapes.filter((s, i) => shapes.findIndex((t) => t.method === s.method) === i);
  return [...firsts, ...shapes.filter((s) => !firsts.includes(s))];
}

/** The whole plan for this config and VPC. */
export function probePlan(config: SquidConfig, vpcCidrs: string[]): Probe[] {
  const beyond = allowedSources(config).allowed.subtract(LOOPBACK).subtract(vpcSet(vpcCidrs));
  const localPort = config.httpPorts[0]?.port;
  return probesFor(vpcCidrs, beyond).map((probe) => ({ ...probe, requests: requestsFor(config, probe.address, localPort) }));
}
