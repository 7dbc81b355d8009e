import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type * as messages from '@cucumber/messages';
import { MAX_MESSAGE_LINE } from '../../support/report/verdict';

/**
 * A control with 10,000 findings, each quoting a 5 KB squid.conf line, goes through a real cucumber run
 * with a formatter: the message cucumber formats is one summary line, 20 resources and "and K more",
 * each line cut short. (How long it takes is measured by `npm run bench`, not asserted here.)
 */
test('a 10,000-finding control with 5 KB quoted lines fails with a bounded message', { timeout: 60_000 }, async () => {
  const { runConfiguration } = await loadConfiguration({
    file: false, // not the project's cucumber.js: only this fixture
    provided: { paths: ['test/fixtures/bounded/bounded.feature'], require: ['test/fixtures/bounded/steps.ts'], requireModule: require.extensions['.ts'] ? [] : ['ts-node/register'], format: ['summary'] },
  });
  const results: messages.TestStepFinished[] = [];
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const { success } = await runCucumber(runConfiguration, { cwd: process.cwd(), stdout: out, stderr: out }, (envelope) => {
    if (envelope.testStepFinished) results.push(envelope.testStepFinished);
  });
  assert.equal(success, false);
  const failed = results.find((r) => r.testStepResult.status === 'FAILED');
  const message = failed?.testStepResult.message ?? '';
  const lines = message.split('\n');
  assert.match(lines[0], /NON-COMPLIANT: A huge control — 10000 finding\(s\):/);
  assert.ok(lines.length <= 23, `${lines.length} lines`);
  assert.match(message, /… and 9980 more \(the evidence lists all\)/);
  for (const line of lines) assert.ok(line.length <= MAX_MESSAGE_LINE + 40, `a ${line.length}-character line`);
  assert.match(printed, /NON-COMPLIANT: A huge control/); // the summary formatter printed it
});
