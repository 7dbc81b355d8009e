import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { evaluateControl } from './checks/evaluate-control';
import type { ExamSandbox, ExamState } from './estates/exam/sandbox';
import type { InventoryTypes } from './inventory/types';
import { controlEvidence, jsonEvidence } from './report/evidence';
import { settle } from './report/verdict';
import type { Control } from './rules/control';
import type { RunParameters } from './run/open-run';
import { findRun, type RunContext } from './run/run-context';

export const DEFAULT_RUN_ID = 'cucumber';

/** One typed World: the run this scenario belongs to, and the scenario's own state. */
export class PostureWorld extends World<RunParameters> {
  /** State of @exam scenarios that build their own resources. */
  readonly exam: ExamState = {};

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
    const result = await evaluateControl(this.run, control);
    await this.attach(controlEvidence(this.run, control.meta, result), { mediaType: 'application/json', fileName: `${control.meta.id}.evidence.json` });
    return settle(control.meta, result) === 'skipped' ? 'skipped' : undefined;
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
