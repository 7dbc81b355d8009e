import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadPostureConfig } from '../../support/config/load';
import { provisionEstate } from '../../support/estates/provision';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { registerRun, withRun } from '../../support/run/run-context';
import { runFeatures, type CucumberOutcome, type ScenarioOutcome } from '../../support/run/run-cucumber';
import { EMULATOR_GAP_TAG } from '../../support/target/emulator-gaps';

export const REFERENCE_CONFIG = resolve(__dirname, '../../posture.config.yaml');

/**
 * Provision an estate into its own emulated account, audit that account with the whole suite through
 * cucumber's API, and return the scenario outcomes.
 */
export async function auditEstate(endpoint: string, estate: string, accountId: string, options: { tags?: string } = {}): Promise<CucumberOutcome> {
  const config = loadPostureConfig(REFERENCE_CONFIG);
  const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config, configFile: REFERENCE_CONFIG, requestedAccount: accountId });
  await provisionEstate(estate, { endpoint, account: run.account, config, regions: run.regions });
  registerRun(withRun(run, { estate }));
  try {
    return await runFeatures({ worldParameters: { runId: run.id }, tags: options.tags });
  } finally {
    await closeRun(run);
  }
}

/** Scenarios the emulator cannot verify: they must report NOT VERIFIED on every estate, never pass. */
export function emulatorGaps(outcome: CucumberOutcome): ScenarioOutcome[] {
  return outcome.scenarios.filter((s) => s.tags.includes(EMULATOR_GAP_TAG));
}

export function failedScenarios(outcome: CucumberOutcome): string[] {
  return outcome.scenarios
    .filter((s) => s.status !== 'passed' && !s.tags.includes(EMULATOR_GAP_TAG))
    .map((s) => s.name)
    .sort();
}

export function describeFailures(outcome: CucumberOutcome): string {
  return outcome.scenarios
    .filter((s) => s.status !== 'passed')
    .map((s) => `- [${s.status}] ${s.name}: ${(s.message ?? '').split('\n').slice(0, 6).join('\n    ')}`)
    .join('\n');
}
