import type { ScenarioOutcome } from '../run/run-cucumber';
import { classifyOutcome, domainOf, type Outcome } from './outcome';

const COLUMNS: { outcome: Outcome; title: string }[] = [
  { outcome: 'passed', title: 'passed' },
  { outcome: 'non-compliant', title: 'failed' },
  { outcome: 'not-verified', title: 'not verified' },
  { outcome: 'waived', title: 'waived' },
  { outcome: 'skipped', title: 'skipped' },
  { outcome: 'suite-error', title: 'suite errors' },
];

export type DomainCounts = Map<string, Record<Outcome, number>>;

const zero = (): Record<Outcome, number> => ({ passed: 0, 'non-compliant': 0, 'not-verified': 0, waived: 0, skipped: 0, 'suite-error': 0 });

/** Outcomes per domain (from the @domain: tag); `waived` names the scenarios whose findings were all waived. */
export function countByDomain(scenarios: readonly ScenarioOutcome[], waived: ReadonlySet<string> = new Set()): DomainCounts {
  const counts: DomainCounts = new Map();
  for (const scenario of scenarios) {
    const domain = domainOf(scenario.tags, scenario.uri);
    const row = counts.get(domain) ?? zero();
    row[classifyOutcome(scenario.status, scenario.message, scenario.waived === true || waived.has(scenario.name))]++;
    counts.set(domain, row);
  }
  return new Map([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** A fixed-width table: one row per domain and a total. */
export function summaryTable(counts: DomainCounts): string[] {
  const total = zero();
  for (const row of counts.values()) for (const { outcome } of COLUMNS) total[outcome] += row[outcome];
  const rows = [...counts.entries(), ['total', total] as const];
  const nameWidth = Math.max(6, ...rows.map(([name]) => name.length));
  const header = `  ${'domain'.padEnd(nameWidth)}  ${COLUMNS.map((c) => c.title).join('  ')}`;
  const lines = rows.map(([name, row]) => `  ${name.padEnd(nameWidth)}  ${COLUMNS.map((c) => String(row[c.outcome]).padStart(c.title.length)).join('  ')}`);
  return [header, ...lines.slice(0, -1), `  ${'-'.repeat(header.length - 2)}`, lines[lines.length - 1]];
}
