import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutcomeRecord, ScenarioVerdict } from '../outcome/outcome';
import type { ScenarioOutcome } from '../run/run-cucumber';
import { redact } from './redact';
import { domainOf } from './tags';

/**
 * reports/outcomes.json: every scenario of the audit with its verdict and outcome records (what the
 * collector read from the run's messages). The executive summary and the CI job summary read it.
 */
export interface OutcomesFile {
  generatedAt: string;
  /** What was audited, in words ("emulator account 123456789012 (demo estate)"). */
  audited: string;
  environment: Record<string, string>;
  scenarios: { name: string; uri: string; domain: string; verdict: ScenarioVerdict; message?: string; records: OutcomeRecord[] }[];
}

export function outcomesFile(scenarios: readonly ScenarioOutcome[], audited: string, environment: Record<string, string>, now = new Date()): OutcomesFile {
  return redact({
    generatedAt: now.toISOString(),
    audited,
    environment,
    scenarios: scenarios.map((s) => ({ name: s.name, uri: s.uri, domain: domainOf(s.tags, s.uri), verdict: s.verdict, ...(s.message && s.records.length === 0 ? { message: s.message.split('\n')[0] } : {}), records: s.records })),
  });
}

export function writeOutcomesFile(path: string, file: OutcomesFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}

export class OutcomesFileError extends Error {
  override name = 'OutcomesFileError';
}

export function readOutcomesFile(path: string): OutcomesFile {
  if (!existsSync(path)) throw new OutcomesFileError(`${path}: no outcomes (run \`npm run audit\` first)`);
  let value: Partial<OutcomesFile>;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as Partial<OutcomesFile>;
  } catch (error) {
    throw new OutcomesFileError(`${path}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value.scenarios)) throw new OutcomesFileError(`${path}: scenarios: expected a list`);
  return { generatedAt: value.generatedAt ?? '', audited: value.audited ?? '', environment: value.environment ?? {}, scenarios: value.scenarios };
}
