import type { Finding, RuleMeta, RuleResult } from '../rules/types';

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

/** Compliant passes; not applicable skips; non-compliant and not verified fail with one line per finding. */
export function settle(meta: RuleMeta, result: RuleResult): 'passed' | 'skipped' {
  switch (result.verdict) {
    case 'compliant':
      return 'passed';
    case 'not-applicable':
      return 'skipped';
    case 'non-compliant': {
      const lines = result.findings.map(formatFinding);
      throw new ControlFailure(`NON-COMPLIANT: ${meta.title} — ${result.findings.length} finding(s):\n${lines.join('\n')}`, 'non-compliant');
    }
    case 'not-verified':
      throw new ControlFailure(`NOT VERIFIED: ${meta.title} — could not read: ${result.why}`, 'not-verified');
  }
}
