import { Before, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { evaluateControl } from './checks/evaluate-control';
import type { ExamSandbox, ExamState } from './estates/exam/sandbox';
import type { InventoryTypes } from './inventory/types';
import { controlEvidence, jsonEvidence } from './report/evidence';
import { redactError } from './report/redact';
import { ALLURE_RUNTIME_MESSAGE } from './report/allure-metadata';
import { settle, WAIVED_NOTE_FILE, waivedNote } from './report/verdict';
import { notVerified } from './rules/types';
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

  /** Evaluate a control on the shared inventory, attach the evidence, and assert. */
  async assertControl<K extends keyof InventoryTypes>(control: Control<K>): Promise<'skipped' | undefined> {
    const run = this.run;
    // Waivers take accepted findings out per (account, region) scope; an unreachable account is never read.
    const { control: waivable, waived } = withWaivers(control, run.waivers, this.scenarioName);
    const gap = emulatorGap(this.tags, run.target);
    const result = run.unreachable
      ? notVerified(run.unreachable)
      : gap
        ? notVerified(gap)
        : await evaluateControl(run, waivable).catch((error: unknown) => {
            throw redactError(error); // a crash is printed by every formatter
          });
    await this.attach(controlEvidence(run, control.meta, result, waived), { mediaType: 'application/json', fileName: `${control.meta.id}.evidence.json` });
    if (waived.length > 0) await this.attach(waivedNote(control.meta, waived), { mediaType: 'text/plain', fileName: WAIVED_NOTE_FILE });
    const settled = settle(control.meta, result, waived);
    if (settled === 'waived') await this.attach(WAIVED_ALLURE_LABEL, ALLURE_RUNTIME_MESSAGE);
    return settled === 'skipped' ? 'skipped' : undefined;
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

/** A scenario whose findings were all waived passes and carries the tag "waived" in the Allure report. */
const WAIVED_ALLURE_LABEL = JSON.stringify({ type: 'metadata', data: { labels: [{ name: 'tag', value: 'waived' }] } });

Before(function (this: PostureWorld, { pickle }) {
  this.scenarioName = pickle.name;
  this.tags = pickle.tags.map((tag) => tag.name);
});
