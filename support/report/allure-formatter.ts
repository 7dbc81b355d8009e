import type { IFormatterOptions } from '@cucumber/cucumber';
import type * as messages from '@cucumber/messages';
import AllureCucumberReporter from 'allure-cucumberjs/reporter';
import { OUTCOME_SUFFIX, parseOutcomeRecord, scenarioVerdict, type OutcomeRecord, type ScenarioVerdict } from '../outcome/outcome';
import { RANK, type ScenarioStatus } from '../run/run-cucumber';
import { descriptionHtml } from './allure-description';
import { outcomeMarker, POSTURE_CATEGORIES } from './allure-categories';
import { StagedResultsWriter } from './allure-writer';
import { waivedMessage } from './verdict';

/** The parts of an Allure test result this formatter sets (allure-js-commons TestResult). */
interface AllureTestResult {
  status?: string;
  statusDetails: { message?: string; trace?: string };
  labels: { name: string; value: string }[];
  description?: string;
  descriptionHtml?: string;
  steps: { status?: string }[];
}

/** allure-cucumberjs's reporter keeps these private; they are what a subclass needs. */
interface ReporterInternals {
  allureRuntime: { updateTest(uuid: string, update: (result: AllureTestResult) => void): void; writeTest(uuid: string): void };
  testResultUuids: Map<string, string>;
  onAttachment(message: messages.Attachment): void;
  onTestStepFinished(message: messages.TestStepFinished): void;
  onTestCaseFinished(message: messages.TestCaseFinished): void;
}

/** Where a test case stands while it runs: the records its steps attached and its worst step status. */
interface CaseState {
  records: OutcomeRecord[];
  status: ScenarioStatus;
  message?: string;
  /** A hook's note on why the scenario did not run (support/hooks.ts: "not run: …"). */
  note?: string;
}

/**
 * allure-cucumberjs's reporter, told what each scenario's outcome record says, at run time (nothing is
 * rewritten after the run): non-compliant = failed; not verified = broken; not applicable = skipped with
 * its reason; waived = passed with the waiver shown; suite errors = broken. Each result carries a marker
 * in its trace that categories.json matches, and a description with the findings, remediation,
 * rationale, CIS id, severity and evidence summary. Listed in cucumber.js `format` (via allure-reporter.cjs).
 */
export default class PostureAllureReporter extends AllureCucumberReporter {
  private readonly cases = new Map<string, CaseState>();
  /** Allure test uuid → what to apply just before the result is written. */
  private readonly finishers = new Map<string, (result: AllureTestResult) => void>();
  private readonly writer: StagedResultsWriter;

  constructor(options: IFormatterOptions) {
    const parsed = options.parsedArgvOptions as Record<string, unknown>;
    const resultsDir = typeof parsed.resultsDir === 'string' ? parsed.resultsDir : './allure-results';
    const writer = new StagedResultsWriter(resultsDir);
    super({ ...options, parsedArgvOptions: { ...parsed, categories: parsed.categories ?? POSTURE_CATEGORIES, writer } });
    this.writer = writer;
    const base = this as unknown as ReporterInternals;
    const runtime = base.allureRuntime;
    const writeTest = runtime.writeTest.bind(runtime);
    runtime.writeTest = (uuid: string) => {
      const finish = this.finishers.get(uuid);
      this.finishers.delete(uuid);
      if (finish) runtime.updateTest(uuid, finish);
      writeTest(uuid);
    };
    const onAttachment = base.onAttachment.bind(this);
    base.onAttachment = (message) => {
      if (message.testCaseStartedId && message.fileName?.endsWith(OUTCOME_SUFFIX)) {
        const record = parseOutcomeRecord(message.body);
        if (record) this.stateOf(message.testCaseStartedId).records.push(record);
      } else if (message.testCaseStartedId && message.mediaType === 'text/plain' && message.body.startsWith('not run:')) {
        this.stateOf(message.testCaseStartedId).note = message.body;
      }
      onAttachment(message);
    };
    const onTestStepFinished = base.onTestStepFinished.bind(this);
    base.onTestStepFinished = (message) => {
      const state = this.stateOf(message.testCaseStartedId);
      const status = message.testStepResult.status.toLowerCase() as ScenarioStatus;
      if (RANK.indexOf(status) > RANK.indexOf(state.status)) {
        state.status = status;
        state.message = message.testStepResult.message ?? state.message;
      }
      onTestStepFinished(message);
    };
    const onTestCaseFinished = base.onTestCaseFinished.bind(this);
    base.onTestCaseFinished = (message) => {
      const uuid = base.testResultUuids.get(message.testCaseStartedId);
      const state = this.stateOf(message.testCaseStartedId);
      this.cases.delete(message.testCaseStartedId);
      if (uuid && !message.willBeRetried) this.finishers.set(uuid, (result) => applyOutcome(result, state));
      onTestCaseFinished(message);
    };
  }

  /** cucumber awaits this before its run ends: the results are on disk before the reports are finished. */
  override async finished(): Promise<void> {
    await this.writer.flushed();
    await super.finished();
  }

  private stateOf(testCaseStartedId: string): CaseState {
    let state = this.cases.get(testCaseStartedId);
    if (!state) this.cases.set(testCaseStartedId, (state = { records: [], status: 'passed' }));
    return state;
  }
}

const ALLURE_STATUS: Record<ScenarioVerdict, string> = {
  compliant: 'passed',
  waived: 'passed',
  passed: 'passed',
  'non-compliant': 'failed',
  'not-verified': 'broken',
  'not-applicable': 'skipped',
  skipped: 'skipped',
  'suite-error': 'broken',
};

/** The status, message, marker, labels and description of one result, from its records. */
export function applyOutcome(result: AllureTestResult, state: CaseState): void {
  const verdict = scenarioVerdict(state.status, state.records);
  result.status = ALLURE_STATUS[verdict];
  const first = state.records.find((r) => r.outcome.kind === verdict);
  const message = messageFor(verdict, first, state, result.statusDetails.message);
  // A control's thrown message is its whole story (its "stack" is the message again): the trace keeps only
  // the marker. A suite error keeps its stack under the marker.
  const trace = verdict === 'suite-error' ? [outcomeMarker(verdict), result.statusDetails.trace].filter(Boolean).join('\n') : outcomeMarker(verdict);
  result.statusDetails = { message, trace };
  if (verdict === 'waived') result.labels.push({ name: 'tag', value: 'waived' });
  result.descriptionHtml = descriptionHtml(verdict, state.records, result.description ?? '', message);
}

function messageFor(verdict: ScenarioVerdict, record: OutcomeRecord | undefined, state: CaseState, current: string | undefined): string | undefined {
  switch (verdict) {
    case 'not-applicable':
      return record?.outcome.kind === 'not-applicable' ? `Not applicable: ${record.outcome.why}` : current;
    case 'waived':
      return record ? waivedMessage(record) : current;
    case 'skipped':
      return current ?? state.note ?? state.message ?? 'skipped: a step was skipped (see the steps)';
    case 'suite-error':
      return current || state.message || `suite error: the scenario ended ${state.status} without a verdict (an undefined or pending step, or a control that did not settle)`;
    default:
      return current ?? state.message;
  }
}
