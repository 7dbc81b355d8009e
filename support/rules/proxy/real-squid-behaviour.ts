import { describeDecisionSource, requestDecider } from '../../evaluators/squid/evaluate';
import type { SquidConfig } from '../../evaluators/squid/types';
import type { RealSquidInventory } from '../../inventory/types/real-squid';
import { ORIGIN, type ProbeAnswer, type ProbeResult, type RealSquidOutcome } from '../../proxy/real-squid/model';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta, type RuleResult } from '../types';
import { isVerdict, listSome, proxyFacts, squidMessages, unresolvedReasons } from './facts';

export const meta: RuleMeta = {
  id: 'proxy.real-squid-behaviour',
  title: 'On a real Squid, the audited config serves the VPC, refuses everyone else and hides the client',
  domain: 'proxy',
  severity: 'high',
  rationale:
    'The parser and evaluator are a model of Squid; running Squid itself on the audited file (changed only in its listening address and temporary paths) shows what the proxy does: a client inside the VPC CIDR is served, one outside gets 403 on every port and method, the origin sees no Via or X-Forwarded-For, and Squid answers every request as the evaluator predicts.',
  remediation: 'Fix squid.conf until squid -k parse passes and the acl, http_access and *_header_access lines hold; then squid -k reconfigure.',
};

const IDENTIFYING = ['via', 'x-forwarded-for'];

const shape = (a: { method: string; port: number }) => `${a.method} :${a.port}`;
const answerText = (a: { status?: number; error?: string }) => (a.status !== undefined ? `HTTP ${a.status}` : `no answer (${(a.error ?? 'unknown error').slice(0, 80)})`);

/** 403 is Squid's answer when http_access denies; any other status means the request got past it. */
function observed(answer: ProbeAnswer): 'allow' | 'deny' | undefined {
  return answer.status === undefined ? undefined : answer.status === 403 ? 'deny' : 'allow';
}

/** Where Squid and the evaluator answer a request differently: a finding naming both. */
function disagreements(decide: ReturnType<typeof requestDecider>, probe: ProbeResult, proxyPort: number | undefined): string[] {
  return (probe.answers ?? []).flatMap((answer) => {
    const real = observed(answer);
    if (!real) return [];
    const decision = decide({ source: probe.address, port: answer.port, method: answer.method, destination: ORIGIN.address, localPort: proxyPort });
    if (decision.action === real) return [];
    const assumed = decision.assumed.length > 0 ? ` (assuming ${decision.assumed.join(', ')} do not match)` : '';
    return [`Squid and the evaluator disagree on ${shape(answer)} from ${probe.address}: Squid ${real === 'allow' ? 'lets it through' : 'denies it'} (${answerText(answer)}), the evaluator says ${decision.action} by ${describeDecisionSource(decision.by)}${assumed}`];
  });
}

/** Judge what the real Squid did (with the parsed config: also whether it did what the evaluator predicts). */
export function judgeOutcome(outcome: RealSquidOutcome, resource: { arn: string; region: string }, account: string, config?: SquidConfig, evidence: Record<string, unknown> = {}): RuleResult {
  if (outcome.kind === 'cannot-run') return notVerified(`the real-Squid check cannot run on this machine: ${outcome.reason}`, { ...evidence, outcome });
  const findings: Finding[] = [];
  const problem = (text: string) => findings.push({ resource: resource.arn, account, region: resource.region, problem: text });
  if (outcome.kind === 'refused-config') {
    problem(`Squid ${outcome.squidVersion} refuses the configuration: ${squidMessages(outcome.messages)}`);
    return verdictFrom({ findings, checked: 1, evidence: { ...evidence, outcome } });
  }
  const disagreed: string[] = [];
  const decide = config && requestDecider(config);
  for (const probe of outcome.probes) {
    const answer = answerText(probe);
    if (probe.expect === 'served' && (probe.status !== 200 || !probe.originSaw)) problem(`client ${probe.address} ${probe.label} was not served: ${answer}`);
    if (probe.expect === 'refused' && (probe.status !== 403 || probe.originSaw)) problem(`client ${probe.address} ${probe.label} was not refused with 403: ${answer}${probe.originSaw ? ', and the origin received its request' : ''}`);
    if (probe.expect === 'refused') {
      const past = (probe.answers ?? []).slice(1).filter((a) => a.status !== 403);
      if (past.length > 0) problem(`client ${probe.address} ${probe.label} was not refused with 403 on ${listSome(past.map((a) => `${shape(a)} (${answerText(a)})`), 3)}`);
    }
    for (const header of IDENTIFYING) {
      const toOrigin = probe.originSaw?.[header];
      if (toOrigin !== undefined) problem(`the origin received ${header}: ${String(toOrigin).slice(0, 120)} from client ${probe.address}`);
      const toClient = probe.replyHeaders?.[header];
      if (toClient !== undefined) problem(`client ${probe.address} received ${header}: ${String(toClient).slice(0, 120)} in the reply`);
    }
    if (decide) disagreed.push(...disagreements(decide, probe, outcome.proxyPort));
  }
  for (const line of disagreed) problem(line);
  const requests = outcome.probes.reduce((n, p) => n + (p.answers?.length ?? 1), 0);
  return verdictFrom({ findings, checked: outcome.probes.length, evidence: { ...evidence, requests, disagreements: disagreed, outcome } });
}

export const realSquidBehaviour: Control<'realSquid'> = {
  meta,
  inventory: 'realSquid',
  evaluate(inventory: RealSquidInventory, { account }) {
    const facts = proxyFacts(inventory.proxy);
    if (isVerdict(facts)) return facts;
    const config = facts.config!;
    if (config.unresolved.length > 0) return notVerified(`squid.conf cannot be run as the proxy has it: ${unresolvedReasons(config)[0]}`);
    const instance = facts.instances[0];
    if (instance.vpcCidrs.kind === 'not-collected') return notVerified(instance.vpcCidrs.reason);
    if (inventory.run.kind === 'not-collected') return notVerified(inventory.run.reason);
    const run = inventory.run.value;
    return judgeOutcome(run.outcome, instance, account, config, { instance: run.instance, vpcCidrs: run.vpcCidrs, source: run.source, measuredAt: run.outcome.measuredAt });
  },
};
