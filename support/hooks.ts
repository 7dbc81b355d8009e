import { AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { redactError, redactText } from './report/redact';
import { closeRun, openRun, type RunParameters } from './run/open-run';
import type { RunContext } from './run/run-context';
import { DEFAULT_RUN_ID, type PostureWorld } from './world';

// Provisioning an estate and the first inventory collection can take a while on a live Organization.
setDefaultTimeout(120_000);

/** Runs this process opened itself (a caller such as the drift test may open them instead). */
const ownedRuns = new Map<string, RunContext>();

/** Open the run once for all scenarios (emulator started and estate provisioned when this run owns them). */
BeforeAll({ timeout: 300_000 }, async function (this: { parameters: RunParameters }) {
  const parameters = { ...this.parameters, runId: this.parameters.runId ?? DEFAULT_RUN_ID };
  const { run, owned: isOwned } = await openRun(parameters, { progress: (line) => process.stderr.write(`aws-posture: ${redactText(line)}\n`) }).catch((error: unknown) => {
    throw redactError(error);
  });
  if (isOwned) ownedRuns.set(run.id, run);
});

AfterAll(async function (this: { parameters: RunParameters }) {
  const id = this.parameters.runId ?? DEFAULT_RUN_ID;
  const run = ownedRuns.get(id);
  ownedRuns.delete(id);
  if (run) await closeRun(run);
});

/** @exam scenarios build resources: only on a loopback emulator, never against a live account. */
Before({ tags: '@exam' }, async function (this: PostureWorld) {
  if (!this.run.sandbox) {
    await this.attach(redactText(`not run: ${this.run.sandboxUnavailable}`), 'text/plain');
    return 'skipped';
  }
  return undefined;
});
