import type { RunContext } from '../run/run-context';

import suite from '../../package.json';

export const SUITE_VERSION = `${suite.name} ${suite.version}`;

const unique = (values: string[]) => [...new Set(values)];

/** environment.properties: what was audited, where, with which suite and emulator, and when. */
export function runEnvironment(runs: readonly RunContext[], finishedAt: Date = new Date()): Record<string, string> {
  const first = runs[0];
  const started = runs.map((r) => r.startedAt.getTime()).filter(Number.isFinite);
  const entries: Record<string, string> = {
    Target: unique(runs.map((r) => `${r.target.kind}${r.target.endpoint ? ` (${r.target.endpoint})` : ''}`)).join(', ') || 'unknown',
    Accounts: unique(runs.map((r) => r.account.accountId)).join(', ') || 'unknown',
    Regions: unique(runs.flatMap((r) => r.regions)).join(', ') || 'unknown',
  };
  const estates = unique(runs.flatMap((r) => (r.estate ? [r.estate] : [])));
  if (estates.length > 0) entries.Estate = estates.join(', ');
  entries.Suite = SUITE_VERSION;
  entries.Emulator = unique(runs.flatMap((r) => (r.emulator ? [r.emulator.version] : []))).join(', ') || 'none (live account or given endpoint)';
  entries.Node = process.version;
  if (first) entries.Config = first.configFile.replace(`${process.cwd()}/`, '');
  entries.Started = started.length > 0 ? new Date(Math.min(...started)).toISOString() : finishedAt.toISOString();
  entries.Finished = finishedAt.toISOString();
  return entries;
}
