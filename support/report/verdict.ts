import type { Finding, RuleMeta, RuleResult } from '../rules/types';
import { describeWaived, type WaivedFinding } from '../waivers/apply';
import { redactText } from './redact';

/** Thrown by a step when a control does not hold. The first word tells report categories apart. */
export class ControlFailure extends Error {
  override name = 'ControlFailure';
  constructor(message: string, readonly outcome: 'non-compliant' | 'not-verified') {
    super(message);
    this.stack = `${this.name}: ${message}`; // a finding is not a crash: no stack trace under it
  }
}

export function formatFinding(finding: Finding): string {
  return `  - ${finding.resource} (account ${finding.account}, ${finding.region}): ${finding.problem}`;
}

/** First words of the note attached to a scenario whose findings were all accepted by waivers. */
export const WAIVED_PREFIX = 'WAIVED:';

/**
 * Compliant passes; not applicable skips; non-compliant and not verified fail with one line per finding.
 * Waived findings (already taken out of `result`) never fail: with nothing else wrong the control is
 * 'waived' (the scenario passes, marked as waived); otherwise they are listed under the failure.
 */
export function settle(meta: RuleMeta, result: RuleResult, waived: readonly WaivedFinding[] = []): 'passed' | 'skipped' | 'waived' {
  const waivedLines = waived.length > 0 ? `\n  waived (${waived.length}):\n${waived.map(describeWaived).join('\n')}` : '';
  switch (result.verdict) {
    case 'compliant':
      return waived.length > 0 ? 'waived' : 'passed';
    case 'not-applicable':
      return 'skipped';
    case 'non-compliant': {
      const lines = result.findings.map(formatFinding);
      throw new ControlFailure(redactText(`NON-COMPLIANT: ${meta.title} — ${result.findings.length} finding(s):\n${lines.join('\n')}${waivedLines}`), 'non-compliant');
    }
    case 'not-verified':
      throw new ControlFailure(redactText(`NOT VERIFIED: ${meta.title} — could not read: ${result.why}${waivedLines}`), 'not-verified');
  }
}

/** File name of that note: run-cucumber.ts reads it back to count a passing scenario as waived. */
export const WAIVED_NOTE_FILE = 'waived.txt';

/** The note attached to a scenario with waived findings (text/plain). */
export function waivedNote(meta: RuleMeta, waived: readonly WaivedFinding[]): string {
  return redactText(`${WAIVED_PREFIX} ${meta.title} — ${waived.length} finding(s) accepted by waivers:\n${waived.map(describeWaived).join('\n')}`);
}
