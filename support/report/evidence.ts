import type { RuleMeta, RuleResult } from '../rules/types';
import type { RunContext } from '../run/run-context';
import { redact } from './redact';

/** The JSON attached to every scenario: what was examined, where, and what decided. Always redacted. */
export function controlEvidence(run: RunContext, meta: RuleMeta, result: RuleResult): string {
  return JSON.stringify(
    redact({
      control: { id: meta.id, title: meta.title, cis: meta.cis ?? null, severity: meta.severity },
      account: run.account.accountId,
      regions: run.regions,
      target: run.target.kind,
      verdict: result.verdict,
      findings: result.verdict === 'non-compliant' ? result.findings : [],
      why: 'why' in result ? result.why : undefined,
      checked: 'checked' in result ? result.checked : undefined,
      examined: result.evidence,
    }),
    null,
    2,
  );
}

export function jsonEvidence(value: unknown): string {
  return JSON.stringify(redact(value), null, 2);
}
