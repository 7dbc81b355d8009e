import { driftChanges, driftResources, interferes, type Drift, type DriftBreak } from '../../support/estates/estate';
import type { OutcomeRecord } from '../../support/outcome/outcome';
import type { CucumberOutcome, ScenarioOutcome } from '../../support/run/run-cucumber';
import { EMULATOR_GAP_TAG } from '../../support/target/emulator-gaps';

/**
 * Drifts that can share one emulated account: no control claimed by two of them (so each break is proven
 * by its own drift alone) and nothing one of them changes that the other names, changes or reads (so
 * their changes cannot interfere; see `interferes` for attributes of one resource). Most constrained
 * first, each into the first pack it fits: few packs, a fast estates test.
 */
export function packDrifts(drifts: readonly Drift[], maxPerPack = Number.POSITIVE_INFINITY): Drift[][] {
  const claims = new Map(drifts.map((d) => [d, new Set(d.breaks.map((b) => b.control))]));
  const changes = new Map(drifts.map((d) => [d, driftChanges(d)]));
  const resources = new Map(drifts.map((d) => [d, driftResources(d)]));
  const overlap = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));
  const disturbs = (changed: Set<string>, other: Set<string>) => [...changed].some((key) => [...other].some((o) => interferes(key, o)));
  const clash = (a: Drift, b: Drift) =>
    overlap(claims.get(a)!, claims.get(b)!) || disturbs(changes.get(a)!, resources.get(b)!) || disturbs(changes.get(b)!, resources.get(a)!);
  const degree = new Map(drifts.map((d) => [d, drifts.filter((o) => o !== d && clash(d, o)).length]));
  const order = [...drifts].sort((a, b) => degree.get(b)! - degree.get(a)!);
  const packs: Drift[][] = [];
  for (const drift of order) {
    const pack = packs.find((p) => p.length < maxPerPack && p.every((other) => !clash(drift, other)));
    if (pack) pack.push(drift);
    else packs.push([drift]);
  }
  // In the listing order within each pack (the order the drifts are applied in).
  return packs.map((pack) => drifts.filter((d) => pack.includes(d)));
}

/** Handles a drift read while applying but does not declare (breaks, `touches` or `uses`): the packing would be unsound. */
export function undeclaredReads(pack: readonly Drift[], reads: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return pack.flatMap((drift) => {
    const declared = new Set([...driftResources(drift)].map((key) => key.split('#')[0]));
    return [...(reads.get(drift.name) ?? [])].filter((key) => !declared.has(`handle:${key}`)).map((key) => `${drift.name} reads handle ${key}: declare it in touches or uses`);
  });
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
    const named = failing.some((r) => r.findings.some((f) => names(f, fragment)));
    if (!named) problems.push(`${label}: no finding names ${fragment}; findings: ${failing.flatMap((r) => r.findings.map((f) => f.resource)).slice(0, 5).join(', ')}`);
  }
  // Every finding of a claimed control names a resource claimed for it: nothing else in the pack broke it.
  for (const record of scored.flatMap((s) => s.records).filter((r) => r.outcome.kind === 'non-compliant')) {
    const fragments = claims.filter(({ b }) => breakMatches(b, record)).map(({ b }) => resourceOf(b, handles));
    if (fragments.length === 0) continue; // unclaimed: reported above
    const strays = record.findings.filter((f) => !fragments.some((fragment) => names(f, fragment)));
    if (strays.length > 0) problems.push(`${record.control.title}: ${strays.length} finding(s) no drift of the pack claims, e.g. ${strays[0].resource}: ${strays[0].problem.slice(0, 120)}`);
  }
  return problems;
}

const names = (f: { resource: string; problem: string }, fragment: string) => f.resource.includes(fragment) || f.problem.includes(fragment);

function describe(scenario: ScenarioOutcome): string {
  const lines = scenario.records.flatMap((r) => [...r.findings.map((f) => `${f.resource}: ${f.problem}`), ...r.unread]).slice(0, 3);
  return lines.length > 0 ? `\n      ${lines.join('\n      ')}` : scenario.message ? `\n      ${scenario.message.split('\n').slice(0, 3).join('\n      ')}` : '';
}
