import type { Finding, RuleMeta, RuleResult } from '../rules/types';
import type { WaivedFinding } from '../waivers/apply';

/** What a control says about the estate, decided once, after waivers (design.md). */
export type Outcome =
  | { kind: 'compliant' }
  | { kind: 'non-compliant'; findings: Finding[] }
  | { kind: 'not-verified'; unread: string[] }
  | { kind: 'not-applicable'; why: string }
  | { kind: 'waived'; waived: WaivedFinding[] };

export type OutcomeKind = Outcome['kind'];

/**
 * Findings that still count decide; then anything unread (a waiver never changes a scope that could not
 * be read, so "every finding waived, part unread" is not verified); then waived; then "nothing here".
 */
export function decideOutcome(result: RuleResult, waived: readonly WaivedFinding[]): Outcome {
  if (result.findings.length > 0) return { kind: 'non-compliant', findings: result.findings };
  if (result.unread.length > 0) return { kind: 'not-verified', unread: result.unread };
  if (waived.length > 0) return { kind: 'waived', waived: [...waived] };
  if (result.notApplicable !== undefined) return { kind: 'not-applicable', why: result.notApplicable };
  return { kind: 'compliant' };
}

/**
 * The one record of a control's verdict in one scenario, attached once to the scenario (redacted) and
 * read by every report: summary, exit code, SARIF, JUnit, Allure, study guide.
 */
export interface OutcomeRecord {
  control: RuleMeta;
  scenario: string;
  account: string;
  regions: string[];
  target: string;
  outcome: Outcome;
  /** Findings that still count (after waivers). */
  findings: Finding[];
  waived: WaivedFinding[];
  unread: string[];
  examined: number;
  notApplicable?: string;
  /** What the rule looked at and what decided. */
  details: unknown;
}

/** The attachment that carries the record: a JSON file named `<control id>` + this suffix. */
export const OUTCOME_SUFFIX = '.outcome.json';

export function parseOutcomeRecord(text: string | undefined): OutcomeRecord | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<OutcomeRecord>;
    return value && typeof value.control?.id === 'string' && typeof value.outcome?.kind === 'string' ? (value as OutcomeRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What one scenario says: a control outcome, or for scenarios without a control (@exam demonstrations)
 * passed / skipped, or the suite's own error (crash, undefined step, failed hook, contradicted fact).
 */
export type ScenarioVerdict = OutcomeKind | 'passed' | 'skipped' | 'suite-error';

export const SCENARIO_VERDICTS: readonly ScenarioVerdict[] = ['compliant', 'non-compliant', 'not-verified', 'not-applicable', 'waived', 'passed', 'skipped', 'suite-error'];

/** A counter with every scenario verdict at zero (summary tables, the digest). */
export function zeroVerdictCounts(): Record<ScenarioVerdict, number> {
  return Object.fromEntries(SCENARIO_VERDICTS.map((v) => [v, 0])) as Record<ScenarioVerdict, number>;
}

const WORST_FIRST: OutcomeKind[] = ['non-compliant', 'not-verified', 'waived', 'compliant', 'not-applicable'];

/** The scenario's verdict from cucumber's status and the records its steps attached. */
export function scenarioVerdict(status: string, records: readonly OutcomeRecord[]): ScenarioVerdict {
  const s = status.toLowerCase();
  if (records.length > 0) {
    const worst = WORST_FIRST.find((kind) => records.some((r) => r.outcome.kind === kind))!;
    const failing = worst === 'non-compliant' || worst === 'not-verified';
    // A step that failed although every control held (or passed although one failed) is the suite's error.
    if ((s === 'failed') !== failing) return 'suite-error';
    if (worst === 'not-applicable' && s !== 'skipped') return 'suite-error';
    return worst;
  }
  if (s === 'passed') return 'passed';
  if (s === 'skipped') return 'skipped';
  return 'suite-error';
}

/** Outcomes that make `npm run audit` exit 3. */
export const FAILING: readonly ScenarioVerdict[] = ['non-compliant', 'not-verified'];
