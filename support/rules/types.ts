/** A resource that breaks a control, and why. */
export interface Finding {
  resource: string; // ARN
  account: string;
  region: string;
  problem: string;
}

export type RuleResult =
  | { verdict: 'compliant'; checked: number; evidence?: unknown }
  | { verdict: 'non-compliant'; findings: Finding[]; checked: number; evidence?: unknown; unverified?: string } // unverified: what else could not be read
  | { verdict: 'not-applicable'; why: string; evidence?: unknown }
  | { verdict: 'not-verified'; why: string; evidence?: unknown }; // could not read: never a pass

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a control is, beside (not inside) its logic, as in cdk-nag. */
export interface RuleMeta {
  id: string; // e.g. "s3.bucket-block-public-access"
  title: string;
  domain: string;
  severity: Severity;
  cis?: string; // CIS AWS Foundations v5.0.0 id
  rationale: string;
  remediation: string;
}

/** Where a rule is evaluated: the account and region of the inventory, and the posture config. */
export interface RuleContext<Config = unknown> {
  account: string;
  region: string;
  config: Config;
}

export const compliant = (checked: number, evidence?: unknown): RuleResult => ({ verdict: 'compliant', checked, evidence });
export const notApplicable = (why: string, evidence?: unknown): RuleResult => ({ verdict: 'not-applicable', why, evidence });
export const notVerified = (why: string, evidence?: unknown): RuleResult => ({ verdict: 'not-verified', why, evidence });

/** Findings decide; then anything unreadable makes the result unverified; only then compliant. */
export function verdictFrom(args: { findings: Finding[]; checked: number; unreadable?: string[]; evidence?: unknown }): RuleResult {
  const { findings, checked, unreadable = [], evidence } = args;
  // Kept beside the findings: if a waiver accepts every finding, the result is not verified, not a pass.
  if (findings.length > 0) return { verdict: 'non-compliant', findings, checked, evidence, ...(unreadable.length > 0 ? { unverified: unreadable.join('; ') } : {}) };
  if (unreadable.length > 0) return notVerified(unreadable.join('; '), evidence);
  return compliant(checked, evidence);
}

/** Results of the same control in several (account, region) scopes, as one. */
export function combineResults(results: readonly RuleResult[]): RuleResult {
  const findings = results.flatMap((r) => (r.verdict === 'non-compliant' ? r.findings : []));
  const checked = results.reduce((n, r) => n + ('checked' in r ? r.checked : 0), 0);
  const evidence = results.map((r) => r.evidence).filter((e) => e !== undefined);
  const unverified = results.flatMap((r) => (r.verdict === 'not-verified' ? [r.why] : []));
  if (findings.length > 0) return { verdict: 'non-compliant', findings, checked, evidence };
  if (unverified.length > 0) return notVerified(unverified.join('; '), evidence);
  if (results.length > 0 && results.every((r) => r.verdict === 'not-applicable')) {
    return notApplicable(results.map((r) => (r.verdict === 'not-applicable' ? r.why : '')).join('; '), evidence);
  }
  return compliant(checked, evidence);
}

/** A rule's own verdict, before waivers (tests and helpers read results through these, never the fields). */
export type Verdict = 'compliant' | 'non-compliant' | 'not-applicable' | 'not-verified';
export function verdictOf(result: RuleResult): Verdict {
  return result.verdict;
}
export function findingsOf(result: RuleResult): Finding[] {
  return result.verdict === 'non-compliant' ? result.findings : [];
}
