/** A resource that breaks a control, and why. */
export interface Finding {
  resource: string; // ARN
  account: string;
  region: string;
  problem: string;
}

/**
 * What a rule found in one or more (account, region) scopes. It holds no verdict: the verdict is decided
 * once, after waivers (support/outcome/decide.ts). Combining two results is concatenating them.
 */
export interface RuleResult {
  findings: Finding[];
  /** Scopes that could not be read (AccessDenied, throttled out, a missing service): never a pass. */
  unread: string[];
  /** Resources looked at. */
  examined: number;
  /** Set when nothing of this kind exists in this scope, and why. */
  notApplicable?: string;
  /** What decided (ids and fields), for the evidence. */
  evidence?: unknown;
}

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

export const compliant = (examined: number, evidence?: unknown): RuleResult => ({ findings: [], unread: [], examined, evidence });
export const notApplicable = (why: string, evidence?: unknown): RuleResult => ({ findings: [], unread: [], examined: 0, notApplicable: why, evidence });
export const notVerified = (why: string, evidence?: unknown): RuleResult => ({ findings: [], unread: [why], examined: 0, evidence });

/** Findings, unreadable scopes and what was examined, as one result. */
export function verdictFrom(args: { findings: Finding[]; checked: number; unreadable?: string[]; evidence?: unknown }): RuleResult {
  return { findings: args.findings, unread: args.unreadable ?? [], examined: args.checked, evidence: args.evidence };
}

/** Results of the same control in several scopes, as one: concatenation. */
export function combineResults(results: readonly RuleResult[]): RuleResult {
  const evidence = results.map((r) => r.evidence).filter((e) => e !== undefined);
  const allNotApplicable = results.length > 0 && results.every((r) => r.notApplicable !== undefined);
  return {
    findings: results.flatMap((r) => r.findings),
    unread: results.flatMap((r) => r.unread),
    examined: results.reduce((n, r) => n + r.examined, 0),
    ...(allNotApplicable ? { notApplicable: results.map((r) => r.notApplicable).join('; ') } : {}),
    evidence,
  };
}

/** Is this a result (rather than facts a rule goes on to judge)? */
export function isRuleResult(value: unknown): value is RuleResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as RuleResult).findings) && Array.isArray((value as RuleResult).unread);
}

/** A rule's own verdict, before waivers: findings decide, then anything unread, then "nothing here". */
export type Verdict = 'compliant' | 'non-compliant' | 'not-applicable' | 'not-verified';
export function verdictOf(result: RuleResult): Verdict {
  if (result.findings.length > 0) return 'non-compliant';
  if (result.unread.length > 0) return 'not-verified';
  if (result.notApplicable !== undefined) return 'not-applicable';
  return 'compliant';
}
export function findingsOf(result: RuleResult): Finding[] {
  return result.findings;
}
