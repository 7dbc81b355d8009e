import { createHash } from 'node:crypto';
import { AddressSet, hostIn } from '../../evaluators/squid/address-set';
import { allowedSources } from '../../evaluators/squid/evaluate';
import { describeLine } from '../../evaluators/squid/parse';
import type { ProxyInventory } from '../../inventory/types/proxy';
import { isVerdict, LOOPBACK, proxyFacts, vpcSet } from '../../rules/proxy/facts';
import { notVerified, verdictFrom, type Finding, type RuleMeta, type RuleResult } from '../../rules/types';
import { runRealSquid, usableClientAddress, type Probe, type RealSquidOutcome } from './harness';

export const meta: RuleMeta = {
  id: 'proxy.real-squid-behaviour',
  title: 'On a real Squid, the audited config serves the VPC, refuses everyone else and hides the client',
  domain: 'proxy',
  severity: 'high',
  rationale:
    'The parser and evaluator are a model of Squid; running Squid itself on the audited file (changed only in its listening address and temporary paths) shows what the proxy does: a client inside the VPC CIDR is served, one outside gets 403, and the origin sees no Via or X-Forwarded-For.',
  remediation: 'Fix squid.conf until squid -k parse passes and the acl, http_access and *_header_access lines hold; then squid -k reconfigure.',
};

const DOCUMENTATION_CLIENT = '192.0.2.10'; // TEST-NET-1: outside any VPC
const MAX_EXTRA_PROBES = 3;

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

const IDENTIFYING = ['via', 'x-forwarded-for'];

/** Judge what the real Squid did. */
export function judgeOutcome(outcome: RealSquidOutcome, resource: { arn: string; region: string }, account: string): RuleResult {
  if (outcome.kind === 'cannot-run') return notVerified(`the real-Squid check cannot run on this machine: ${outcome.reason}`, outcome);
  const findings: Finding[] = [];
  const problem = (text: string) => findings.push({ resource: resource.arn, account, region: resource.region, problem: text });
  if (outcome.kind === 'refused-config') {
    problem(`Squid ${outcome.squidVersion} refuses the configuration: ${outcome.messages.join(' | ')}`);
    return verdictFrom({ findings, checked: 1, evidence: outcome });
  }
  for (const probe of outcome.probes) {
    const answer = probe.status !== undefined ? `HTTP ${probe.status}` : `no answer (${probe.error ?? 'unknown error'})`;
    if (probe.expect === 'served' && (probe.status !== 200 || !probe.originSaw)) problem(`client ${probe.address} ${probe.label} was not served: ${answer}`);
    if (probe.expect === 'refused' && (probe.status !== 403 || probe.originSaw)) problem(`client ${probe.address} ${probe.label} was not refused with 403: ${answer}${probe.originSaw ? ', and the origin received its request' : ''}`);
    for (const header of IDENTIFYING) {
      const toOrigin = probe.originSaw?.[header];
      if (toOrigin !== undefined) problem(`the origin received ${header}: ${String(toOrigin)} from client ${probe.address}`);
      const toClient = probe.replyHeaders?.[header];
      if (toClient !== undefined) problem(`client ${probe.address} received ${header}: ${String(toClient)} in the reply`);
    }
  }
  return verdictFrom({ findings, checked: outcome.probes.length, evidence: outcome });
}

/**
 * Squid's behaviour is a function of the file, the probes and the binary: the same inputs are exercised
 * once per process (an Organization whose accounts share one proxy config, or the drift runs of the
 * self-tests), and the outcome says when it was measured.
 */
const exercised = new Map<string, Promise<RealSquidOutcome & { measuredAt: string }>>();

function runRealSquidOnce(args: Parameters<typeof runRealSquid>[0]): Promise<RealSquidOutcome & { measuredAt: string }> {
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex');
  let outcome = exercised.get(key);
  if (!outcome) {
    const measuredAt = new Date().toISOString();
    outcome = runRealSquid(args).then((result) => ({ ...result, measuredAt }));
    exercised.set(key, outcome);
  }
  return outcome;
}

/** Run the audited squid.conf on a real Squid and judge it against the proxy instance's VPC. */
export async function realSquidVerdict(inventory: ProxyInventory, account: string, squidBinary?: string): Promise<RuleResult> {
  const facts = proxyFacts(inventory);
  if (isVerdict(facts)) return facts;
  const config = facts.config!;
  if (config.unresolved.length > 0) return notVerified(`squid.conf cannot be run as the proxy has it: ${config.unresolved.map((u) => `${describeLine(u.at)}: ${u.problem}`).join('; ')}`);
  const instance = facts.instances[0];
  if (instance.vpcCidrs.kind === 'not-collected') return notVerified(instance.vpcCidrs.reason);
  const beyond = allowedSources(config).allowed.subtract(LOOPBACK).subtract(vpcSet(instance.vpcCidrs.value));
  const probes = probesFor(instance.vpcCidrs.value, beyond);
  const outcome = await runRealSquidOnce({ flattenedConf: config.flattened, probes, squidBinary });
  const result = judgeOutcome(outcome, instance, account);
  return { ...result, evidence: { instance: instance.id, vpcCidrs: instance.vpcCidrs.value, source: facts.conf!.source, outcome } };
}
