/**
 * `npm run audit -- [--tags <expression>]`: audit the target (embedded emulator by default) and exit
 * 0 compliant, 3 non-compliant or not verified, 1 could not run (config, credentials, emulator).
 */
import '../env';
import { rmSync } from 'node:fs';
import { ConfigError } from '../config/load';
import { UnknownEstate } from '../estates/provision';
import { finishReports, ALLURE_RESULTS } from '../report/finish';
import { redactText } from '../report/redact';
import { closeRun, openRun } from '../run/open-run';
import { runFeatures, type CucumberOutcome } from '../run/run-cucumber';
import { EmulatorUnavailable } from '../target/emulator';
import { TargetError } from '../target/target';

export const EXIT = { compliant: 0, couldNotRun: 1, nonCompliant: 3 } as const;

interface AuditArguments {
  tags?: string;
}

function parseArguments(argv: string[]): AuditArguments {
  const args: AuditArguments = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tags' || arg === '-t') args.tags = argv[++i];
    else if (arg.startsWith('--tags=')) args.tags = arg.slice('--tags='.length);
    else throw new UsageError(`unknown option "${arg}" (supported: --tags <expression>)`);
  }
  return args;
}

class UsageError extends Error {}

export function exitCodeFor(outcome: CucumberOutcome): number {
  if (outcome.hookErrors.length > 0) return EXIT.couldNotRun;
  if (outcome.scenarios.length === 0) return EXIT.couldNotRun;
  if (outcome.scenarios.some((s) => s.status === 'undefined' || s.status === 'ambiguous' || s.status === 'unknown')) return EXIT.couldNotRun;
  return outcome.scenarios.some((s) => s.status === 'failed') ? EXIT.nonCompliant : EXIT.compliant;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  rmSync(ALLURE_RESULTS, { recursive: true, force: true });
  const progress = (line: string) => process.stderr.write(`aws-posture: ${line}\n`);
  const { run } = await openRun({ runId: 'audit' }, { progress });
  progress(`auditing ${run.target.kind} account ${run.account.accountId} in ${run.regions.join(', ')}`);
  try {
    const tags = [args.tags, run.sandbox ? undefined : 'not @exam'].filter(Boolean).map((t) => `(${t})`).join(' and ') || undefined;
    const outcome = await runFeatures({ worldParameters: { runId: run.id }, tags, formats: 'profile' });
    process.stdout.write(`${await finishReports(outcome, [run])}\n`);
    for (const error of outcome.hookErrors) process.stderr.write(`aws-posture: ${redactText(error)}\n`);
    return exitCodeFor(outcome);
  } finally {
    await closeRun(run);
  }
}

const EXPECTED = [ConfigError, TargetError, EmulatorUnavailable, UnknownEstate, UsageError];

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    // Bad input and unreachable targets get one clear line; anything else is a bug and keeps its stack.
    const known = EXPECTED.some((type) => error instanceof type) || /credential|Could not load|ExpiredToken|InvalidClientTokenId/i.test(error.message);
    process.stderr.write(`aws-posture: could not run: ${redactText(known ? error.message : (error.stack ?? error.message))}\n`);
    process.exit(EXIT.couldNotRun);
  });
