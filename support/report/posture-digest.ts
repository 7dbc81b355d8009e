import { zeroVerdictCounts, type OutcomeRecord, type ScenarioVerdict } from '../outcome/outcome';
import type { Severity } from '../rules/types';
import type { WaivedFinding } from '../waivers/apply';
import type { OutcomesFile } from './outcomes-file';

/**
 * What an officer reads first, from the outcome records: verdicts per domain and per severity, the
 * non-compliant controls ranked by severity and resource count, what could not be verified and why, and
 * the waivers in force with their expiry. The executive summary (HTML) and the CI job summary (Markdown)
 * render this.
 */
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
export const DIGEST_COLUMNS: { verdict: ScenarioVerdict; title: string }[] = [
  { verdict: 'compliant', title: 'Compliant' },
  { verdict: 'non-compliant', title: 'Non-compliant' },
  { verdict: 'not-verified', title: 'Not verified' },
  { verdict: 'waived', title: 'Waived' },
  { verdict: 'not-applicable', title: 'Not applicable' },
  { verdict: 'suite-error', title: 'Suite errors' },
];

export type VerdictCounts = Record<ScenarioVerdict, number>;
const zero = zeroVerdictCounts;

export interface RankedControl {
  id: string;
  title: string;
  cis?: string;
  domain: string;
  severity: Severity;
  resources: number;
  accounts: string[];
  remediation: string;
  examples: string[];
}

export interface UnverifiedControl {
  id: string;
  title: string;
  cis?: string;
  domain: string;
  severity: Severity;
  reasons: string[];
}

export interface WaiverLine {
  control: string;
  cis?: string;
  resource: string;
  owner: string;
  expires: string;
  reason: string;
}

export interface PostureDigest {
  audited: string;
  generatedAt: string;
  byDomain: [string, VerdictCounts][];
  total: VerdictCounts;
  bySeverity: [Severity, VerdictCounts][];
  nonCompliant: RankedControl[];
  notVerified: UnverifiedControl[];
  waivers: WaiverLine[];
  suiteErrors: { name: string; message?: string }[];
}

const rank = (s: Severity) => (SEVERITIES.indexOf(s) < 0 ? SEVERITIES.length : SEVERITIES.indexOf(s));

/**
 * Records of one control across accounts, merged under its id and title (a table-driven control, e.g. one
 * SCP-limit or effective-permission row, keeps one id and names its row in the title).
 */
function byControl(records: OutcomeRecord[]): Map<string, OutcomeRecord[]> {
  const map = new Map<string, OutcomeRecord[]>();
  for (const r of records) {
    const key = `${r.control.id}\u0000${r.control.title}`;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return map;
}

export function postureDigest(file: OutcomesFile): PostureDigest {
  // Compliance results only: an @exam demonstration has no record and is never counted (audit runs `not @exam`).
  const scenarios = file.scenarios.filter((s) => s.records.length > 0 || s.verdict === 'suite-error');
  const domains = new Map<string, VerdictCounts>();
  const total = zero();
  for (const s of scenarios) {
    const row = domains.get(s.domain) ?? zero();
    row[s.verdict]++;
    total[s.verdict]++;
    domains.set(s.domain, row);
  }
  const records = scenarios.flatMap((s) => s.records);
  const severity = new Map<Severity, VerdictCounts>(SEVERITIES.map((s) => [s, zero()]));
  for (const r of records) {
    const row = severity.get(r.control.severity) ?? zero();
    row[r.outcome.kind]++;
    severity.set(r.control.severity, row);
  }
  const controls = byControl(records);
  const nonCompliant: RankedControl[] = [];
  const notVerified: UnverifiedControl[] = [];
  for (const rs of controls.values()) {
    const meta = rs[0].control;
    const id = meta.id;
    const findings = rs.filter((r) => r.outcome.kind === 'non-compliant').flatMap((r) => r.findings);
    if (findings.length > 0) {
      nonCompliant.push({ id, title: meta.title, cis: meta.cis, domain: meta.domain, severity: meta.severity, resources: new Set(findings.map((f) => `${f.account}|${f.resource}`)).size, accounts: [...new Set(findings.map((f) => f.account))], remediation: meta.remediation, examples: findings.slice(0, 3).map((f) => f.resource) });
    }
    const unread = rs.filter((r) => r.outcome.kind === 'not-verified').flatMap((r) => r.unread);
    if (unread.length > 0) notVerified.push({ id, title: meta.title, cis: meta.cis, domain: meta.domain, severity: meta.severity, reasons: [...new Set(unread)] });
  }
  nonCompliant.sort((a, b) => rank(a.severity) - rank(b.severity) || b.resources - a.resources || a.id.localeCompare(b.id));
  notVerified.sort((a, b) => rank(a.severity) - rank(b.severity) || a.id.localeCompare(b.id));
  const waivers = records
    .flatMap((r) => r.waived.map((w: WaivedFinding): WaiverLine => ({ control: r.control.title, cis: r.control.cis, resource: w.resource, owner: w.waiver.owner, expires: w.waiver.expires, reason: w.waiver.reason })))
    .sort((a, b) => a.expires.localeCompare(b.expires) || a.control.localeCompare(b.control));
  return {
    audited: file.audited,
    generatedAt: file.generatedAt,
    byDomain: [...domains.entries()].sort(([a], [b]) => a.localeCompare(b)),
    total,
    bySeverity: SEVERITIES.map((s) => [s, severity.get(s) ?? zero()]),
    nonCompliant,
    notVerified,
    waivers,
    suiteErrors: scenarios.filter((s) => s.verdict === 'suite-error').map((s) => ({ name: s.name, message: s.message })),
  };
}
