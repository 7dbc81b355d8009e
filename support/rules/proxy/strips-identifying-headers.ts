import { identifyingHeaders } from '../../evaluators/squid/headers';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { isVerdict, proxyFacts, skippedLines, unresolvedReasons } from './facts';

export const meta: RuleMeta = {
  id: 'proxy.strips-identifying-headers',
  title: 'The proxy strips X-Forwarded-For and Via in both directions',
  domain: 'proxy',
  severity: 'medium',
  rationale:
    'Squid adds Via and X-Forwarded-For (the client address; "unknown" with forwarded_for off) to what it forwards, telling every origin the internal addresses and the proxy software. request_header_access and reply_header_access remove them.',
  remediation:
    'forwarded_for delete (or off) plus request_header_access X-Forwarded-For deny all, request_header_access Via deny all, reply_header_access X-Forwarded-For deny all, reply_header_access Via deny all.',
};

export const stripsIdentifyingHeaders: Control<'proxy'> = {
  meta,
  inventory: 'proxy',
  evaluate(inventory, { account }) {
    const facts = proxyFacts(inventory);
    if (isVerdict(facts)) return facts;
    const verdicts = identifyingHeaders(facts.config!);
    const kept = verdicts.filter((v) => !v.stripped);
    const findings: Finding[] = facts.instances.flatMap((instance) =>
      kept.map((v) => ({ resource: instance.arn, account, region: instance.region, problem: `${v.header} is kept in ${v.direction}s: ${v.because}` })),
    );
    return verdictFrom({
      findings,
      checked: facts.instances.length,
      unreadable: unresolvedReasons(facts.config!),
      evidence: { source: facts.conf!.source, skippedLines: skippedLines(facts.config!), headers: verdicts },
    });
  },
};
