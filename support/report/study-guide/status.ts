import { existsSync, readFileSync } from 'node:fs';
import type * as messages from '@cucumber/messages';
import type { ScenarioVerdict } from '../../outcome/outcome';
import { OutcomeCollector } from '../../run/run-cucumber';
import type { GuideFeature, GuideScenario, ScenarioStatus } from './model';

/** Outcomes of the latest run, by `<feature uri>#<pickle name>`; several entries when several accounts ran. */
export interface LatestResults {
  source: string;
  /** What the run says about itself (time), when it says it. */
  environment: Record<string, string>;
  outcomes: Map<string, { outcome: ScenarioVerdict; message?: string }[]>;
}

const WORST_FIRST: ScenarioVerdict[] = ['suite-error', 'non-compliant', 'not-verified', 'waived', 'skipped', 'not-applicable', 'compliant', 'passed'];

const key = (uri: string, name: string) => `${uri}#${name}`;

/** The results of the given cucumber message files (ndjson), each scenario's verdict read from its outcome records. */
export function readLatestResults(...messageFiles: string[]): LatestResults | undefined {
  const present = messageFiles.filter((file) => existsSync(file));
  if (present.length === 0) return undefined;
  const results: LatestResults = { source: present.join(', '), environment: {}, outcomes: new Map() };
  for (const file of present) merge(results, resultsFromMessages(readFileSync(file, 'utf8'), file));
  return results;
}

function merge(into: LatestResults, from: LatestResults): void {
  Object.assign(into.environment, from.environment);
  for (const [k, runs] of from.outcomes) into.outcomes.set(k, [...(into.outcomes.get(k) ?? []), ...runs]);
}

/** Cucumber's message stream (ndjson) through the run's own collector: verdicts come from the outcome records. */
export function resultsFromMessages(ndjson: string, source: string): LatestResults {
  const collector = new OutcomeCollector();
  let finished: string | undefined;
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as messages.Envelope;
    collector.add(envelope);
    if (envelope.testRunFinished?.timestamp) finished = new Date(Number(envelope.testRunFinished.timestamp.seconds) * 1000).toISOString();
  }
  const results: LatestResults = { source, environment: finished ? { Finished: finished } : {}, outcomes: new Map() };
  for (const scenario of collector.outcomes()) {
    const k = key(scenario.uri, scenario.name);
    results.outcomes.set(k, [...(results.outcomes.get(k) ?? []), { outcome: scenario.verdict, message: scenario.message }]);
  }
  return results;
}

/** One status per scenario: the worst outcome over its runs (outline rows, accounts). */
export function scenarioStatus(results: LatestResults | undefined, feature: GuideFeature, scenario: GuideScenario): ScenarioStatus {
  const runs = scenario.pickleNames.flatMap((name) => results?.outcomes.get(key(feature.uri, name)) ?? []);
  if (runs.length === 0) return { outcome: 'not-run', runs: 0, message: scenario.tags.includes('@emulator-gap') ? 'runs on a live account only (the emulator cannot show it)' : undefined };
  const worst = WORST_FIRST.find((o) => runs.some((r) => r.outcome === o)) ?? 'passed';
  return { outcome: worst, runs: runs.length, message: runs.find((r) => r.outcome === worst)?.message };
}

export function readProperties(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.includes('=') && !/^\s*[#!]/.test(line))
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at).replace(/\\(.)/g, '$1').trim(), line.slice(at + 1).replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1')];
      }),
  );
}
