import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IRunConfiguration } from '@cucumber/cucumber/api';

/** What an audit writes under reports/ (the Allure report and the study guide are other commands' outputs). */
export const AUDIT_OUTPUTS = ['allure-results', 'accounts', 'junit.xml', 'cucumber-messages.ndjson', 'posture.sarif', 'waivers.json', 'outcomes.json', 'executive-summary.html'] as const;

const STAGING_PREFIX = '.run-';

/** A run's own reports folder inside reports/: promoted over the previous run's outputs only when the run completes. */
export interface StagedReports {
  /** reports/.run-<pid>: every formatter and report writer of this run writes here. */
  readonly dir: string;
  /** Replace the previous audit's outputs with this run's (one rename per output, old ones removed after). */
  promote(): void;
  /** Drop this run's folder; the previous reports stay whole (a refused, failed or interrupted run). */
  discard(): void;
}

/**
 * A fresh folder for this run's reports. An interrupted run (Ctrl-C, SIGTERM: the process exits) drops it
 * on exit; one killed outright leaves it behind, and the next run removes folders of processes no longer alive.
 */
export function stageReports(root: string): StagedReports {
  mkdirSync(root, { recursive: true });
  removeAbandoned(root);
  const dir = join(root, `${STAGING_PREFIX}${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let done = false;
  const discard = () => {
    if (done) return;
    done = true;
    process.removeListener('exit', discard);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', discard);
  return {
    dir,
    discard,
    promote() {
      if (done) return;
      const retired = join(root, `.old-${process.pid}`);
      rmSync(retired, { recursive: true, force: true });
      mkdirSync(retired);
      for (const name of AUDIT_OUTPUTS) if (existsSync(join(root, name))) renameSync(join(root, name), join(retired, name));
      for (const name of readdirSync(dir)) renameSync(join(dir, name), join(root, name));
      rmSync(retired, { recursive: true, force: true });
      discard();
    },
  };
}

/** Staging folders of runs whose process is gone (killed with SIGKILL, or the machine stopped). */
function removeAbandoned(root: string): void {
  for (const name of readdirSync(root)) {
    const match = /^\.(?:run|old)-(\d+)$/.exec(name);
    if (match && !isAlive(Number(match[1]))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // a folder of ours from before cannot be in use
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Formats = IRunConfiguration['formats'];

/** The profile's formatters writing under `from` (reports/) write under `to` instead. */
export function relocateFormats(formats: Formats, from: string, to: string): Formats {
  const moved = (path: string) => (path === from || path.startsWith(`${from}/`) ? join(to, path.slice(from.length)) : path);
  const files = Object.fromEntries(Object.entries(formats.files ?? {}).map(([path, formatter]) => [moved(path), formatter]));
  const options = { ...formats.options };
  if (typeof options.resultsDir === 'string') options.resultsDir = moved(options.resultsDir);
  return { ...formats, files, options };
}
