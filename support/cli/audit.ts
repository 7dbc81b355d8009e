/**
 * `npm run audit -- [--tags <expression>] [--organization] [--waivers <file>] [--member-role <name>] [--concurrency <n>]`
 *
 * Audits the target (embedded emulator by default; POSTURE_TARGET=live for the credential chain,
 * endpoint, or localstack), or with --organization the whole Organization from its management account.
 *
 * Exit codes:
 *   0  compliant: every scenario passed (waived findings and not-applicable scenarios do not fail)
 *   3  non-compliant or not verified: at least one scenario failed (a finding, or something could not be read)
 *   1  could not run: bad config or waivers (expired, malformed), no credentials, no emulator, no scenario,
 *      an undefined or pending step, a failed hook, or a scenario that crashed (no verdict)
 */
import './compile-cache'; // first: every module after it loads from the V8 code cache
import './native-match-indices'; // before cucumber: step matching with the native RegExp `d` flag
import '../env';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../config/load';
import { UnknownEstate } from '../estates/unknown-estate';
import type { OrganizationAudit } from '../fanout/organization-audit';
import { ProgressInventoryCache } from '../fanout/progress';
import { DEFAULT_REPORT_PATHS, finishReportsIn, REPORTS_DIR, reportPathsIn } from '../report/finish';
import { stageReports } from '../report/staging';
import { junitXml } from '../report/junit';
import { FAILING, type ScenarioVerdict } from '../outcome/outcome';
import { redact, redactText } from '../report/redact';
import { closeRun, memberRoleFor, openRun, type OpenRunOptions, type RunParameters } from '../run/open-run';
import { registerRun, withRun, type RunContext } from '../run/run-context';
import { runFeatures, type CucumberOutcome } from '../run/run-cucumber';
import { prefetchInventory } from '../run/prefetch';
import { collectorsFor, selectedDomains } from '../run/selection';
import { assertTagsSelectScenarios, TagsError } from '../run/tag-check';
import { EmulatorUnavailable } from '../target/emulator';
import { TargetError } from '../target/target';
import { WaiverError, type WaiverSet } from '../waivers/waivers';

export const EXIT = { compliant: 0, couldNotRun: 1, nonCompliant: 3 } as const;

export interface AuditArguments {
  tags?: string;
  organization?: boolean;
  waivers?: string;
  memberRole?: string;
  concurrency?: number;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE = 'supported: --tags <expression>, --organization, --waivers <file>, --member-role <name>, --concurrency <n>';

export function parseArguments(argv: string[]): AuditArguments {
  const args: AuditArguments = {};
  const value = (i: number, name: string) => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value (${USAGE})`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => inline ?? value(++i, name);
    if (name === '--tags' || name === '-t') args.tags = take();
    else if (name === '--organization') args.organization = true;
    else if (name === '--waivers') args.waivers = take();
    else if (name === '--member-role') args.memberRole = take();
    else if (name === '--concurrency') {
      const n = Number(take());
      if (!Number.isInteger(n) || n < 1 || n > 32) throw new UsageError('--concurrency: expected a whole number from 1 to 32');
      args.concurrency = n;
    } else throw new UsageError(`unknown option "${arg}" (${USAGE})`);
  }
  return args;
}

export function exitCodeFor(outcome: CucumberOutcome): number {
  if (outcome.hookErrors.length > 0) return EXIT.couldNotRun;
  if (outcome.scenarios.length === 0) return EXIT.couldNotRun;
  // A pending step, or a failure that is no verdict (a crash, a failed Before hook), is the suite's own error.
  if (outcome.scenarios.some((s) => s.verdict === 'suite-error')) return EXIT.couldNotRun;
  return outcome.scenarios.some((s) => FAILING.includes(s.verdict)) ? EXIT.nonCompliant : EXIT.compliant;
}

export interface AuditOptions extends OpenRunOptions {
  /** Where the terminal summary goes (stdout by default). */
  write?: (text: string) => void;
  /** Extra run parameters (tests: estate, account, config file). */
  parameters?: RunParameters;
  /** Cucumber feature paths (tests). */
  paths?: string[];
  /** Load only the selected domains' step files (the CLI process; a process running several selections loads all). */
  onlySelectedSteps?: boolean;
}

/** The whole audit as a function: open the run, run the features (once, or per account of the Organization), report, exit code. */
export async function runAudit(argv: string[], options: AuditOptions = {}): Promise<number> {
  const args = parseArguments(argv);
  const env = options.env ?? process.env;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const log = options.progress ?? ((line: string) => process.stderr.write(`aws-posture: ${line}\n`));
  const progress = (line: string) => log(redactText(line)); // progress lines carry error messages (e.g. an AssumeRole refusal)
  const parameters: RunParameters = { runId: 'audit', waiversFile: args.waivers, memberRole: args.memberRole, ...options.parameters };
  // Posture controls only: @exam demonstrations run in `npm run docs`, on its own emulator, never in an audit.
  const tags = [args.tags, POSTURE_ONLY].filter(Boolean).map((t) => `(${t})`).join(' and ');
  // A bad or empty --tags is refused before the emulator starts and before reports/ is touched.
  const selected = await assertTagsSelectScenarios(args.tags, { paths: options.paths, always: POSTURE_ONLY });
  const { run } = await openRun(parameters, { ...options, env, progress });
  // This run's reports go to a fresh folder that replaces the previous run's only when the run completes.
  const staged = stageReports(REPORTS_DIR);
  try {
    const organization = args.organization ?? run.config.audit.organization;
    let outcome: CucumberOutcome;
    let runs: RunContext[] = [run];
    let org: OrganizationAudit | undefined;
    if (organization) {
      // Loaded only for an Organization audit (Organizations client and fan-out): a single account starts faster.
      const { auditOrganization } = require('../fanout/organization-audit') as typeof import('../fanout/organization-audit');
      org = await auditOrganization(run, {
        tags,
        role: memberRoleFor(parameters, env, run.config),
        concurrency: args.concurrency ?? run.config.audit.concurrency,
        progress,
        formats: 'profile',
        paths: options.paths,
        reportsDir: staged.dir,
      });
      outcome = org.outcome;
      runs = org.runs;
    } else {
      progress(`auditing ${run.target.kind} account ${run.account.accountId} in ${run.regions.length} region(s) (${run.regionSource === 'enabled' ? 'every enabled region; pin them with `regions:` in the posture config' : 'pinned in the posture config'}): ${run.regions.join(', ')}`);
      const audited = withRun(run, { inventory: new ProgressInventoryCache(progress) });
      registerRun(audited);
      // The collectors start now, while cucumber loads the step files and assembles the test cases.
      prefetchInventory(audited, collectorsFor(selectedDomains(selected)));
      runs = [audited];
      outcome = await runFeatures({ worldParameters: { runId: run.id }, tags, formats: 'profile', paths: options.paths, reportsDir: staged.dir, onlySelectedSteps: options.onlySelectedSteps });
    }
    const summary = await finishReportsIn(reportPathsIn(staged.dir), outcome, runs, DEFAULT_REPORT_PATHS);
    for (const account of org?.accounts ?? []) writeAccountJunit(`${staged.dir}/accounts/${account.accountId}`, account.outcome.scenarios, account.accountId);
    const waivers = run.waivers ? waiverSummary(run.waivers, staged.dir) : undefined;
    const exitCode = exitCodeFor(outcome);
    // A run that could not run its scenarios (a failed hook, nothing selected) leaves the previous reports whole.
    if (outcome.scenarios.length > 0 && outcome.hookErrors.length === 0) staged.promote();
    else progress(`no complete result: the previous reports in ${REPORTS_DIR}/ are left as they were`);
    write(`${summary}\n`);
    if (org) write(`${organizationSummary(org)}\n`);
    if (waivers) write(`${waivers}\n`);
    for (const error of outcome.hookErrors) progress(error);
    return exitCode;
  } finally {
    staged.discard();
    await closeRun(run);
  }
}

/** One line per account: where results are, and which accounts could not be reached. */
export function organizationSummary(org: OrganizationAudit): string {
  const lines = [`  organization ${org.organizationId ?? ''}: ${org.accounts.length} account(s), results per account under ${REPORTS_DIR}/accounts/<id>/ and in Allure by the Account parameter`];
  for (const account of org.accounts) {
    const count = (verdict: ScenarioVerdict) => account.outcome.scenarios.filter((s) => s.verdict === verdict).length;
    const waived = count('waived');
    const unread = count('not-verified');
    lines.push(
      `    ${account.accountId}${account.name ? ` ${account.name}` : ''} (${account.scope}): ${account.unreachable ? `NOT VERIFIED — ${account.unreachable}` : `compliant ${count('compliant')}${waived ? ` · waived ${waived}` : ''} · non-compliant ${count('non-compliant')}${unread ? ` · not verified ${unread}` : ''}`}`,
    );
  }
  return redactText(lines.join('\n')); // an unreachable account's reason is an AWS error message
}

/** An audit's results are posture controls: @exam demonstrations belong to `npm run docs`. */
const POSTURE_ONLY = 'not @exam';

/** Each account's JUnit beside its cucumber messages (reports/accounts/<id>/junit.xml), from the records. */
function writeAccountJunit(dir: string, scenarios: CucumberOutcome['scenarios'], accountId: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/junit.xml`, junitXml(scenarios, `aws-posture account ${accountId}`));
}

/** Waivers that matched nothing are stale: reported here and in reports/waivers.json (they do not change the exit code). */
export function waiverSummary(waivers: WaiverSet, dir: string = REPORTS_DIR): string {
  const stale = waivers.stale();
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/waivers.json`, `${JSON.stringify(redact({ file: waivers.file, waivers: waivers.waivers.length, stale }), null, 2)}\n`);
  const lines = [`  waivers: ${waivers.waivers.length} in ${waivers.file}, ${stale.length} stale`];
  for (const w of stale) lines.push(`    STALE waivers[${w.index}] (control ${w.control}, resource ${w.resource}${w.account ? `, account ${w.account}` : ''}, owner ${w.owner}): matched no finding in this audit — remove it or fix it`);
  return redactText(lines.join('\n'));
}

const EXPECTED = [TagsError, ConfigError, TargetError, EmulatorUnavailable, UnknownEstate, UsageError, WaiverError];
/** Known by name: their modules load only when used (support/fanout). */
const EXPECTED_NAMES = ['FanoutError'];

/** Bad input and unreachable targets get one clear line; anything else is a bug and keeps its stack. */
export function couldNotRunMessage(error: Error): string {
  const known = EXPECTED.some((type) => error instanceof type) || EXPECTED_NAMES.includes(error.name) || /credential|Could not load|ExpiredToken|InvalidClientTokenId/i.test(error.message);
  return `aws-posture: could not run: ${redactText(known ? error.message : (error.stack ?? error.message))}`;
}

/** SIGTERM (timeout, CI runners), SIGINT, SIGHUP: stop now; the emulator is stopped and the unfinished run's reports dropped on exit. */
function exitOnSignals(): void {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const signal of Object.keys(codes) as (keyof typeof codes)[]) {
    process.once(signal, () => {
      process.stderr.write(`aws-posture: ${signal}: audit stopped; the previous reports in ${REPORTS_DIR}/ are left as they were\n`);
      process.exit(codes[signal]);
    });
  }
}

if (require.main === module) {
  exitOnSignals();
  runAudit(process.argv.slice(2), { onlySelectedSteps: true })
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(`${couldNotRunMessage(error)}\n`);
      process.exit(EXIT.couldNotRun);
    });
}
