import { describeLine } from '../../evaluators/squid/parse';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { isVerdict, listSome, proxyFacts, skippedLines, squidMessages, unresolvedReasons } from './facts';

export const meta: RuleMeta = {
  id: 'proxy.listens-and-parses',
  title: 'Squid listens on the configured port and its configuration is valid Squid syntax',
  domain: 'proxy',
  severity: 'medium',
  rationale:
    'A squid.conf Squid refuses never takes effect: after a restart the proxy is down, or an older configuration keeps running. sed -i "s/http_port 3128/http_port${SQUID_PORT}/g" writes "http_port8080", which Squid 5 rejects as unrecognized.',
  remediation: 'Write "http_port 8080" (with the space), run squid -k parse, then squid -k reconfigure.',
};

export const listensAndParses: Control<'proxy'> = {
  meta,
  inventory: 'proxy',
  evaluate(inventory, { account, config: posture }) {
    const facts = proxyFacts(inventory);
    if (isVerdict(facts)) return facts;
    const config = facts.config!;
    const port = posture.proxy.port;
    const problems: string[] = config.errors.map((e) => `${describeLine(e.at)}: ${e.problem}`);
    if (!config.httpPorts.some((p) => p.port === port)) {
      problems.push(`no http_port line listens on ${port} (found: ${listSome(config.httpPorts.map((p) => describeLine(p.at)), 2, '; ') || 'none'})`);
    }
    const check = inventory.syntaxCheck;
    if (check.kind === 'checked' && check.exitCode !== 0) {
      problems.push(`squid -k parse (Squid ${check.version}) exits ${check.exitCode}: ${squidMessages(check.messages) || 'no message'}`);
    }
    const findings: Finding[] = facts.instances.flatMap((instance) => problems.map((problem) => ({ resource: instance.arn, account, region: instance.region, problem: problem.startsWith(facts.conf!.source) ? problem : `${facts.conf!.source}: ${problem}` })));
    return verdictFrom({
      findings,
      checked: facts.instances.length,
      unreadable: unresolvedReasons(config),
      evidence: {
        source: facts.conf!.source,
        expectedPort: port,
        httpPorts: config.httpPorts.map((p) => ({ port: p.port, address: p.address, line: describeLine(p.at) })),
        parseErrors: config.errors,
        skippedLines: skippedLines(config),
        // Without a squid binary only the suite's own parser judges the syntax; the evidence says so.
        squidKParse: check,
      },
    });
  },
};
