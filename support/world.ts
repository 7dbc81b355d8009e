import { Before, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { evaluateControl } from './checks/evaluate-control';
import type { ExamSandbox, ExamState } from './estates/exam/sandbox';
import type { InventoryTypes } from './inventory/types';
import { OUTCOME_SUFFIX } from './outcome/outcome';
import { controlTagMismatch } from './outcome/registry';
import { jsonEvidence, outcomeRecord } from './report/evidence';
import { redactError } from './report/redact';
import { DEFAULT_MESSAGE_FINDINGS, settle } from './report/verdict';
import { notVerified, type RuleResult } from './rules/types';
import { withWaivers } from './waivers/apply';
import type { Control } from './rules/control';
import type { RunParameters } from './run/open-run';
import { findRun, type RunContext } from './run/run-context';
import { emulatorGap } from './target/emulator-gaps';

export const DEFAULT_RUN_ID = 'cucumber';

/** One typed World: the run this scenario belongs to, and the scenario's own state. */
export class PostureWorld extends World<RunParameters> {
  /** State of @exam scenarios that build their own resources. */
  readonly exam: ExamState = {};
  /** This scenario's name (the Before hook below sets it): a waiver may name a scenario. */
  scenarioName?: string;
  /** This scenario's tags, Feature tags included (set by the same hook). */
  tags: readonly string[] = [];

  constructor(options: IWorldOptions<RunParameters>) {
    super(options);
  }

  get run(): RunContext {
    const run = findRun(this.parameters.runId ?? DEFAULT_RUN_ID);
    if (!run) throw new Error('no audit run is open (the BeforeAll hook did not run or failed)');
    return run;
  }

  /** Evaluate a control on the shared inventory and settle it. */
  async assertControl<K extends keyof InventoryTypes>(control: Control<K>): Promise<'skipped' | undefined> {
    const run = this.run;
    const gap = emulatorGap(this.tags, run.target);
    return this.settleControl(control, (waivable) =>
      run.unreachable
        ? Promise.resolve(notVerified(run.unreachable))
        : gap
          ? Promise.resolve(notVerified(gap))
          : evaluateControl(run, waivable),
    );
  }

  /**
   * The one place a verdict is decided: the rule's result (waivers applied per scope, before results
   * are combined) becomes the outcome record, attached once; the step then passes, skips or throws.
   */
  async settleControl<C extends Control<keyof InventoryTypes>>(control: C, evaluate: (waivable: C) => Promise<RuleResult>): Promise<'skipped' | undefined> {
    const run = this.run;
    // A scenario's @cis:/@severity: tags must be the control's own: one identity per control.
    const mismatch = controlTagMismatch(control.meta, this.tags);
    if (mismatch) throw new Error(`scenario "${this.scenarioName}" and control ${control.meta.id} disagree: ${mismatch}`);
    const { control: waivable, waived } = withWaivers(control, run.waivers, this.scenarioName);
    const result = await evaluate(waivable).catch((error: unknown) => {
      throw redactError(error); // a crash is printed by every formatter
    });
    const record = outcomeRecord(run, control.meta, this.scenarioName ?? '', result, waived);
    await this.attach(JSON.stringify(record, null, 2), { mediaType: 'application/json', fileName: `${control.meta.id}${OUTCOME_SUFFIX}` });
    return settle(record, run.config.report?.maxFindingsInMessage ?? DEFAULT_MESSAGE_FINDINGS);
  }

  /** Attach any evidence (redacted JSON). */
  attachEvidence(name: string, value: unknown): Promise<void> | void {
    return this.attach(jsonEvidence(value), { mediaType: 'application/json', fileName: `${name}.json` });
  }

  /** The scratch account of @exam scenarios; the @exam Before hook has made sure it exists. */
  sandbox(): Promise<ExamSandbox> {
    const open = this.run.sandbox;
    if (!open) throw new Error(this.run.sandboxUnavailable ?? '@exam scenarios need a loopback emulator');
    return open();
  }
}

setWorldConstructor(PostureWorld);

Before(function (this: PostureWorld, { pickle }) {
  this.scenarioName = pickle.name;
  this.tags = pickle.tags.map((tag) => tag.name);
});
