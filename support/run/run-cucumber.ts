import { PassThrough } from 'node:stream';
import type * as CucumberApi from '@cucumber/cucumber/api';
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import type * as messages from '@cucumber/messages';
import { OUTCOME_SUFFIX, parseOutcomeRecord, scenarioVerdict, type OutcomeRecord, type ScenarioVerdict } from '../outcome/outcome';
import { REPORTS_DIR } from '../report/finish';
import { relocateFormats } from '../report/staging';
import { prefetchInventory } from './prefetch';
import { configurationOptions } from './cucumber-configuration';
import { findRun } from './run-context';
import { collectorsFor, selectedDomains, stepFilesFor } from './selection';
import { runStepsWithoutScopes } from './step-scopes';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'undefined' | 'ambiguous' | 'pending' | 'unknown';

/** One scenario's outcome as the result messages tell it. */
export interface ScenarioOutcome {
  name: string;
  uri: string;
  tags: string[];
  status: ScenarioStatus;
  message?: string;
  /** The outcome records its steps attached (world.ts settleControl): what every report reads. */
  records: OutcomeRecord[];
  /** Decided from the records (and cucumber's status for scenarios without a control). */
  verdict: ScenarioVerdict;
}

export interface CucumberOutcome {
  success: boolean;
  scenarios: ScenarioOutcome[];
  /** A BeforeAll/AfterAll hook failed: the run itself could not happen. */
  hookErrors: string[];
}

/** Worst last: a scenario's status is the worst of its steps'. */
export const RANK: ScenarioStatus[] = ['passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'unknown', 'failed'];

// Compiled (build/…/*.js): cucumber.js then loads the compiled step files, without ts-node.
if (__filename.endsWith('.js')) process.env.POSTURE_COMPILED = '1';

/**
 * cucumber's API loads when the features run, not with the CLI (a fifth of a second): an audit's
 * collectors start before it, on the emulator or AWS, while it loads (support/run/tag-check.ts).
 */
const cucumber = (): typeof CucumberApi => require('@cucumber/cucumber/api');

type Support = Awaited<ReturnType<typeof CucumberApi.loadSupport>>;
/** Support code per set of step files (loading is the slow part of a start). */
const cachedSupport = new Map<string, Promise<Support>>();

export interface RunCucumberOptions {
  profiles?: string[];
  worldParameters: Record<string, unknown>;
  tags?: string;
  /** Formatters as cucumber takes them, 'profile' for the profile's own; by default none (results come back as messages). */
  formats?: Partial<IRunConfiguration['formats']> | 'profile';
  paths?: string[];
  env?: NodeJS.ProcessEnv;
  /** Where this run's report files go instead of reports/ (a staging folder promoted when the audit completes). */
  reportsDir?: string;
  /** Load only the step files of the selected scenarios' domains (faster start; one selection per process). */
  onlySelectedSteps?: boolean;
}

/**
 * Run the features in this process through cucumber's JavaScript API and read the result messages.
 * Support code is loaded once per process and shared by every run (drift tests run many at once).
 */
export async function runFeatures(options: RunCucumberOptions): Promise<CucumberOutcome> {
  const { loadConfiguration, loadSources, loadSupport, runCucumber } = cucumber();
  const { runConfiguration } = await loadConfiguration(configurationOptions({ profiles: options.profiles, provided: options.paths ? { paths: options.paths } : {} }), { env: options.env ?? process.env });
  runConfiguration.runtime.worldParameters = { ...runConfiguration.runtime.worldParameters, ...(options.worldParameters as typeof runConfiguration.runtime.worldParameters) };
  if (options.tags !== undefined) {
    const base = runConfiguration.sources.tagExpression;
    runConfiguration.sources.tagExpression = base ? `(${base}) and (${options.tags})` : options.tags;
  }
  if (options.formats !== 'profile') {
    runConfiguration.formats = { stdout: 'summary', files: {}, publish: false, options: {}, ...(options.formats ?? {}) };
  }
  if (options.reportsDir) runConfiguration.formats = relocateFormats(runConfiguration.formats, REPORTS_DIR, options.reportsDir);
  // The selected scenarios' domains decide which step files load and which collectors start now.
  const env = options.env ?? process.env;
  const { plan } = await loadSources(runConfiguration.sources, { cwd: process.cwd(), env });
  const domains = selectedDomains(plan.map((p) => p.uri));
  // Opt-in (the audit CLI, one selection per process): cucumber registers a step file's steps only the
  // first time the file is required, so a process that runs several selections loads them all.
  if (options.onlySelectedSteps) runConfiguration.support = { ...runConfiguration.support, requirePaths: stepFilesFor(runConfiguration.support.requirePaths ?? [], domains) };
  const run = typeof options.worldParameters.runId === 'string' ? findRun(options.worldParameters.runId) : undefined;
  if (run) prefetchInventory(run, collectorsFor(domains));
  const supportKey = (runConfiguration.support.requirePaths ?? []).join('|');
  let loading = cachedSupport.get(supportKey);
  if (!loading) cachedSupport.set(supportKey, (loading = loadSupport(runConfiguration, { cwd: process.cwd(), env })));
  const support = await loading;

  const collector = new OutcomeCollector();
  const quiet = new PassThrough();
  quiet.resume();
  const stdout = options.formats === 'profile' || options.formats?.stdout ? process.stdout : quiet;
  runStepsWithoutScopes();
  const result = await runCucumber({ ...runConfiguration, support }, { cwd: process.cwd(), stdout, stderr: process.stderr, env: options.env ?? process.env }, (m) => collector.add(m));
  return { success: result.success, scenarios: collector.outcomes(), hookErrors: collector.hookErrors };
}

export class OutcomeCollector {
  private readonly pickles = new Map<string, messages.Pickle>();
  private readonly testCases = new Map<string, messages.TestCase>();
  private readonly started = new Map<string, string>(); // testCaseStartedId → testCaseId
  private readonly statuses = new Map<string, { status: ScenarioStatus; message?: string }>();
  private readonly records = new Map<string, OutcomeRecord[]>(); // testCaseStartedId → its outcome records
  readonly hookErrors: string[] = [];

  add(envelope: messages.Envelope): void {
    if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase);
    if (envelope.testCaseStarted) this.started.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    const attachment = envelope.attachment;
    if (attachment?.testCaseStartedId && attachment.fileName?.endsWith(OUTCOME_SUFFIX)) {
      const record = parseOutcomeRecord(attachment.body);
      if (record) this.records.set(attachment.testCaseStartedId, [...(this.records.get(attachment.testCaseStartedId) ?? []), record]);
    }
    if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepResult } = envelope.testStepFinished;
      const status = testStepResult.status.toLowerCase() as ScenarioStatus;
      const current = this.statuses.get(testCaseStartedId);
      if (!current || RANK.indexOf(status) > RANK.indexOf(current.status)) {
        this.statuses.set(testCaseStartedId, { status, message: testStepResult.message ?? current?.message });
      }
    }
    if (envelope.testRunHookFinished && envelope.testRunHookFinished.result.status !== 'PASSED') {
      this.hookErrors.push(envelope.testRunHookFinished.result.message ?? 'a BeforeAll/AfterAll hook failed');
    }
  }

  outcomes(): ScenarioOutcome[] {
    return [...this.started.entries()].map(([startedId, testCaseId]) => {
      const testCase = this.testCases.get(testCaseId);
      const pickle = testCase ? this.pickles.get(testCase.pickleId) : undefined;
      const result = this.statuses.get(startedId) ?? { status: 'unknown' as const };
      const records = this.records.get(startedId) ?? [];
      return {
        name: pickle?.name ?? testCaseId,
        uri: pickle?.uri ?? '',
        tags: pickle?.tags.map((t) => t.name) ?? [],
        status: result.status,
        message: result.message,
        records,
        verdict: scenarioVerdict(result.status, records),
      };
    });
  }
}
