import { zeroVerdictCounts, type ScenarioVerdict } from '../outcome/outcome';
import type { ScenarioOutcome } from '../run/run-cucumber';
import { domainOf } from './tags';

const COLUMNS: { verdict: ScenarioVerdict; title: string }[] = [
  { verdict: 'compliant', title: 'compliant' },
  { verdict: 'non-compliant', title: 'non-compliant' },
  { verdict: 'not-verified', title: 'not verified' },
  { verdict: 'not-applicable', title: 'n/a' },
  { verdict: 'waived', title: 'waived' },
  { verdict: 'passed', title: 'exam' },
  { verdict: 'skipped', title: 'skipped' },
  { verdict: 'suite-error', title: 'suite errors' },
];

export type DomainCounts = Map<string, Record<ScenarioVerdict, number>>;

const zero = zeroVerdictCounts;

/** Verdicts per domain (from the @domain: tag), as each scenario's record decided them. */
export function countByDomain(scenarios: readonly ScenarioOutcome[]): DomainCounts {
  const counts: DomainCounts = new Map();
  for (const scenario of scenarios) {
    const domain = domainOf(scenario.tags, scenario.uri);
    const row = counts.get(domain) ?? zero();
    row[scenario.verdict]++;
    counts.set(domain, row);
  }
  return new Map([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** A fixed-width table: one row per domain and a total; columns that are zero everywhere are left out. */
export function summaryTable(counts: DomainCounts): string[] {
  const total = zero();
  for (const row of counts.values()) for (const { verdict } of COLUMNS) total[verdict] += row[verdict];
  const columns = COLUMNS.filter((c) => total[c.verdict] > 0 || c.verdict === 'compliant' || c.verdict === 'non-compliant' || c.verdict === 'not-verified');
  const rows = [...counts.entries(), ['total', total] as const];
  const nameWidth = Math.max(6, ...rows.map(([name]) => name.length));
  const header = `  ${'domain'.padEnd(nameWidth)}  ${columns.map((c) => c.title).join('  ')}`;
  const lines = rows.map(([name, row]) => `  ${name.padEnd(nameWidth)}  ${columns.map((c) => String(row[c.verdict]).padStart(c.title.length)).join('  ')}`);
  return [header, ...lines.slice(0, -1), `  ${'-'.repeat(header.length - 2)}`, lines[lines.length - 1]];
}
