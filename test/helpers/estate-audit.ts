import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadPostureConfig } from '../../support/config/load';
import { provisionDrifts, provisionEstate } from '../../support/estates/provision';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { registerRun, withRun } from '../../support/run/run-context';
import { runFeatures, type CucumberOutcome, type ScenarioOutcome } from '../../support/run/run-cucumber';
import { EMULATOR_GAP_TAG } from '../../support/target/emulator-gaps';

/** The shipped config with its regions pinned (the shipped default, every enabled region, is slow on an emulator). */
export const REFERENCE_CONFIG = resolve(__dirname, '../fixtures/posture.pinned.yaml');

/**
 * Provision an estate into its own emulated account, audit that account with the whole suite through
 * cucumber's API, and return the scenario outcomes.
 */
export async function auditEstate(endpoint: string, estate: string, accountId: string, options: { tags?: string } = {}): Promise<CucumberOutcome> {
  const config = loadPostureConfig(REFERENCE_CONFIG);
  // The test emulator is a scratch one: the reference run may build @exam scenes in it.
  const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config, configFile: REFERENCE_CONFIG, requestedAccount: accountId, examSandbox: true });
  await provisionEstate(estate, { endpoint, account: run.account, config, regions: run.regions });
  registerRun(withRun(run, { estate }));
  try {
    return await runFeatures({ worldParameters: { runId: run.id }, tags: options.tags });
  } finally {
    await closeRun(run);
  }
}

/** The @exam demonstrations alone: they build what they show in their scratch account and read no estate. */
export async function auditExam(endpoint: string, accountId: string): Promise<CucumberOutcome> {
  const config = loadPostureConfig(REFERENCE_CONFIG);
  const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config, configFile: REFERENCE_CONFIG, requestedAccount: accountId, examSandbox: true });
  registerRun(withRun(run, { estate: 'none (exam demonstrations)' }));
  try {
    return await runFeatures({ worldParameters: { runId: run.id }, tags: '@exam' });
  } finally {
    await closeRun(run);
  }
}

/** The reference estate with a pack of drifts in one emulated account, audited; with the estate's handles. */
export async function auditDrifts(
  endpoint: string,
  names: readonly string[],
  accountId: string,
  options: { tags?: string } = {},
): Promise<{ outcome: CucumberOutcome; handles: Map<string, string>; reads: Map<string, Set<string>> }> {
  const config = loadPostureConfig(REFERENCE_CONFIG);
  const assembled = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config, configFile: REFERENCE_CONFIG, requestedAccount: accountId });
  const ctx = await provisionDrifts(names, { endpoint, account: assembled.account, config, regions: assembled.regions });
  const run = withRun(assembled, { estate: names.join('+') });
  registerRun(run);
  try {
    return { outcome: await runFeatures({ worldParameters: { runId: run.id }, tags: options.tags }), handles: ctx.handles, reads: ctx.reads };
  } finally {
    await closeRun(run);
  }
}

/** Scenarios the emulator cannot verify: they must report NOT VERIFIED on every estate, never pass. */
export function emulatorGaps(outcome: CucumberOutcome): ScenarioOutcome[] {
  return outcome.scenarios.filter((s) => s.tags.includes(EMULATOR_GAP_TAG));
}

/** On an estate of ours every control holds plainly: compliant (or an @exam demonstration that passed). */
const HOLDS = new Set(['compliant', 'passed']);

export function failedScenarios(outcome: CucumberOutcome): string[] {
  return outcome.scenarios
    .filter((s) => !HOLDS.has(s.verdict) && !s.tags.includes(EMULATOR_GAP_TAG))
    .map((s) => s.name)
    .sort();
}

export function describeFailures(outcome: CucumberOutcome): string {
  return outcome.scenarios
    .filter((s) => !HOLDS.has(s.verdict))
    .map((s) => `- [${s.verdict}] ${s.name}: ${(s.message ?? '').split('\n').slice(0, 6).join('\n    ')}`)
    .join('\n');
}
