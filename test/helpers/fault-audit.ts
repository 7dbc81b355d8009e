import { randomUUID } from 'node:crypto';
import { loadPostureConfig } from '../../support/config/load';
import { provisionEstate } from '../../support/estates/provision';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { registerRun, withRun } from '../../support/run/run-context';
import { runFeatures, type CucumberOutcome, type ScenarioOutcome } from '../../support/run/run-cucumber';
import { REFERENCE_CONFIG } from './estate-audit';

/** Provision an estate into an emulated account straight at the emulator (no faults on the writes). */
export async function provisionAccount(endpoint: string, estate: string, accountId: string): Promise<void> {
  const config = loadPostureConfig(REFERENCE_CONFIG);
  const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config, configFile: REFERENCE_CONFIG, requestedAccount: accountId });
  try {
    await provisionEstate(estate, { endpoint, account: run.account, config, regions: run.regions });
  } finally {
    await closeRun(run);
  }
}

/** Audit an already provisioned account through `endpoint` (the emulator, or a fault proxy in front of it). */
export async function auditAccount(endpoint: string, accountId: string, options: { tags?: string; estate?: string } = {}): Promise<CucumberOutcome> {
  const config = loadPostureConfig(REFERENCE_CONFIG);
  const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config, configFile: REFERENCE_CONFIG, requestedAccount: accountId });
  registerRun(withRun(run, { estate: options.estate }));
  try {
    return await runFeatures({ worldParameters: { runId: run.id }, tags: options.tags });
  } finally {
    await closeRun(run);
  }
}

/** Each scenario's verdict (decided by its outcome records), keyed by feature and name (repeated names numbered). */
export function verdictsOf(outcome: CucumberOutcome): Map<string, string> {
  const verdicts = new Map<string, string>();
  for (const scenario of outcome.scenarios) {
    let key = scenarioKey(scenario);
    for (let n = 2; verdicts.has(key); n++) key = `${scenarioKey(scenario)} #${n}`;
    verdicts.set(key, scenario.verdict);
  }
  return verdicts;
}

export function scenarioKey(scenario: ScenarioOutcome): string {
  return `${scenario.uri} › ${scenario.name}`;
}

/** Keys whose verdict differs between two runs, with both verdicts (and the second run's message head). */
export function verdictDifferences(expected: CucumberOutcome, actual: CucumberOutcome): string[] {
  const before = verdictsOf(expected);
  const after = verdictsOf(actual);
  const messages = new Map(actual.scenarios.map((s) => [scenarioKey(s), (s.message ?? '').split('\n')[0].slice(0, 300)]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.filter((k) => before.get(k) !== after.get(k)).map((k) => `${k}: ${before.get(k) ?? '(absent)'} → ${after.get(k) ?? '(absent)'} ${messages.get(k.replace(/ #\d+$/, '')) ?? ''}`);
}
