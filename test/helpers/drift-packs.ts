import type { Drift, DriftBreak } from '../../support/estates/estate';
import type { OutcomeRecord } from '../../support/outcome/outcome';
import type { CucumberOutcome, ScenarioOutcome } from '../../support/run/run-cucumber';
import { EMULATOR_GAP_TAG } from '../../support/target/emulator-gaps';

/**
 * Drifts that can share one emulated account: one per domain (so their resources cannot interfere) and
 * no control claimed by two of them (so each break is proven by its own drift alone).
 */
export function packDrifts(drifts: readonly Drift[], maxPerPack = Number.POSITIVE_INFINITY): Drift[][] {
  const packs: Drift[][] = [];
  for (const drift of drifts) {
    const claims = new Set(drift.breaks.map((b) => b.control));
    const pack = packs.find((p) => p.length < maxPerPack && p.every((other) => other.domain !== drift.domain && other.breaks.every((b) => !claims.has(b.control))));
    if (pack) pack.push(drift);
    else packs.push([drift]);
  }
  return packs;
}

const breakMatches = (b: DriftBreak, record: OutcomeRecord) => record.control.id === b.control && (!b.row || record.control.title.includes(b.row));

/** The resource fragment a break names, with handles resolved. */
export function resourceOf(b: DriftBreak, handles: ReadonlyMap<string, string>): string {
  if ('contains' in b.resource) return b.resource.contains;
  const value = handles.get(b.resource.handle);
  if (!value) throw new Error(`drift break ${b.control}: the reference estate recorded no handle ${b.resource.handle}`);
  return value;
}

/** What went wrong with a pack's outcome; empty when every drift broke exactly what it claims. */
export function packProblems(pack: readonly Drift[], outcome: CucumberOutcome, handles: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const claims = pack.flatMap((drift) => drift.breaks.map((b) => ({ drift, b })));
  const scored = outcome.scenarios.filter((s) => !s.tags.includes(EMULATOR_GAP_TAG));
  // Every scenario that does not hold is claimed by a drift of the pack.
  for (const scenario of scored.filter((s) => s.verdict !== 'compliant' && s.verdict !== 'passed')) {
    const claimed = scenario.records.some((r) => claims.some(({ b }) => breakMatches(b, r)));
    if (!claimed) problems.push(`unclaimed ${scenario.verdict}: ${scenario.name}${describe(scenario)}`);
  }
  // Every claim is NON-COMPLIANT (never merely not verified) and names the drifted resource.
  for (const { drift, b } of claims) {
    const records = scored.flatMap((s) => s.records).filter((r) => breakMatches(b, r));
    const label = `${drift.name} → ${b.control}${b.row ? ` [${b.row}]` : ''}`;
    if (records.length === 0) {
      problems.push(`${label}: no scenario evaluated this control`);
      continue;
    }
    const failing = records.filter((r) => r.outcome.kind === 'non-compliant');
    if (failing.length === 0) {
      problems.push(`${label}: expected NON-COMPLIANT, got ${records.map((r) => r.outcome.kind).join(', ')}`);
      continue;
    }
    const fragment = resourceOf(b, handles);
    const named = failing.some((r) => r.findings.some((f) => f.resource.includes(fragment) || f.problem.includes(fragment)));
    if (!named) problems.push(`${label}: no finding names ${fragment}; findings: ${failing.flatMap((r) => r.findings.map((f) => f.resource)).slice(0, 5).join(', ')}`);
  }
  return problems;
}

function describe(scenario: ScenarioOutcome): string {
  const lines = scenario.records.flatMap((r) => [...r.findings.map((f) => `${f.resource}: ${f.problem}`), ...r.unread]).slice(0, 3);
  return lines.length > 0 ? `\n      ${lines.join('\n      ')}` : scenario.message ? `\n      ${scenario.message.split('\n').slice(0, 3).join('\n      ')}` : '';
}
