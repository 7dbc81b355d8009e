import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureUriOf, outcomeOf, readAllureResults } from '../allure-results';
import { classifyOutcome, VERDICT_PREFIX, type Outcome } from '../outcome';
import type { GuideFeature, GuideScenario, ScenarioStatus } from './model';

/** Outcomes of the latest run, by `<feature uri>#<pickle name>`; several entries when several accounts ran. */
export interface LatestResults {
  source: string;
  /** What environment.properties says about the run (target, estate, time), when there is one. */
  environment: Record<string, string>;
  outcomes: Map<string, { outcome: Outcome; message?: string }[]>;
}

const WORST_FIRST: Outcome[] = ['suite-error', 'non-compliant', 'not-verified', 'waived', 'skipped', 'passed'];

const key = (uri: string, name: string) => `${uri}#${name}`;

function add(results: LatestResults, uri: string, name: string, outcome: Outcome, message?: string): void {
  const k = key(uri, name);
  results.outcomes.set(k, [...(results.outcomes.get(k) ?? []), { outcome, message }]);
}

/** The latest results: Allure results (post-processed, all accounts) when present, else the cucumber messages. */
export function readLatestResults(allureResults: string, messagesFile: string): LatestResults | undefined {
  const allure = readAllureResults(allureResults);
  if (allure.length > 0) {
    const results: LatestResults = { source: allureResults, environment: readProperties(join(allureResults, 'environment.properties')), outcomes: new Map() };
    for (const { result } of allure) add(results, featureUriOf(result), result.name, outcomeOf(result), result.statusDetails?.message);
    return results;
  }
  if (existsSync(messagesFile)) return resultsFromMessages(readFileSync(messagesFile, 'utf8'), messagesFile);
  return undefined;
}

/** Cucumber's message stream (ndjson): the worst step status per test case; a WAIVED: note marks a waived pass. */
export function resultsFromMessages(ndjson: string, source: string): LatestResults {
  const pickles = new Map<string, { uri: string; name: string }>();
  const testCases = new Map<string, string>();
  const started = new Map<string, string>();
  const status = new Map<string, { status: string; message?: string; waived?: boolean }>();
  const rank = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'UNKNOWN', 'FAILED'];
  let finished: string | undefined;
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line);
    if (envelope.pickle) pickles.set(envelope.pickle.id, { uri: envelope.pickle.uri, name: envelope.pickle.name });
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) started.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepResult } = envelope.testStepFinished;
      const current = status.get(testCaseStartedId);
      if (!current || rank.indexOf(testStepResult.status) > rank.indexOf(current.status)) status.set(testCaseStartedId, { ...current, status: testStepResult.status, message: testStepResult.message });
    }
    if (envelope.attachment?.testCaseStartedId && typeof envelope.attachment.body === 'string' && envelope.attachment.body.startsWith(VERDICT_PREFIX.waived)) {
      const id = envelope.attachment.testCaseStartedId;
      status.set(id, { status: status.get(id)?.status ?? 'PASSED', ...status.get(id), waived: true });
    }
    if (envelope.testRunFinished?.timestamp) finished = new Date(envelope.testRunFinished.timestamp.seconds * 1000).toISOString();
  }
  const results: LatestResults = { source, environment: finished ? { Finished: finished } : {}, outcomes: new Map() };
  for (const [startedId, testCaseId] of started) {
    const pickle = pickles.get(testCases.get(testCaseId) ?? '');
    const result = status.get(startedId);
    if (pickle && result) add(results, pickle.uri, pickle.name, classifyOutcome(result.status, result.message, result.waived), result.message);
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
