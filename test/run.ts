/**
 * `npm test`: one emulator for the whole run, the node test runner over every test file (and, with
 * --typecheck, tsc beside them), and a closing `N passed, N failed` line.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { startEmulator } from '../support/target/emulator';
import { readSerializationTally, SERIALIZATION_CHECK_ENV, serializationVerdict } from './helpers/serialization-check';

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return testFiles(path);
      return entry.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

/**
 * The longest files start first (three files run at a time): started last, the estates test alone would
 * outlast everything else by a minute. Measured with `npm test` on the 2-core machine.
 */
const LONGEST_FIRST = ['estates/estates.test.ts', 'report/allure-report.test.ts', 'faults/faults.test.ts', 'evaluators/squid-real.test.ts', 'cli/interrupt.test.ts', 'live/exit-codes.test.ts', 'fanout/organization.test.ts', 'faults/unassumable-member.test.ts'];
const rank = (file: string) => {
  const index = LONGEST_FIRST.findIndex((suffix) => file.endsWith(suffix));
  return index < 0 ? LONGEST_FIRST.length : index;
};

/**
 * `--typecheck`: tsc checks the whole tree while the tests run (the build before the run only emitted,
 * --noCheck). Its errors fail the run as one failed test, listed after the tests.
 */
function startTypeCheck(): Promise<{ ok: boolean; output: string }> {
  const tsc = require.resolve('typescript/bin/tsc');
  return new Promise((resolveCheck) => {
    execFile(process.execPath, [tsc, '--noEmit', '-p', join(__dirname, '..', 'tsconfig.json')], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolveCheck({ ok: !error, output: `${stdout}${stderr}`.trim() || String(error?.message ?? '') }),
    );
  });
}

async function main(): Promise<void> {
  const typecheck = process.argv.includes('--typecheck') ? startTypeCheck() : undefined;
  const filter = process.argv.slice(2).filter((arg) => arg !== '--typecheck');
  const files = testFiles(__dirname)
    .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
    .sort((a, b) => rank(a) - rank(b));
  const emulator = await startEmulator({ env: { [SERIALIZATION_CHECK_ENV]: '1' } });
  process.env.POSTURE_TEST_ENDPOINT = emulator.endpoint;
  // Every test process runs the tree tsc compiled before the run (test/compiled-ts.js), not ts-node.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'compiled-ts.js')}`.trim();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let passed = 0;
  let failed = 0;
  try {
    const stream = run({ files, concurrency: Number(process.env.POSTURE_TEST_CONCURRENCY ?? 3) });
    stream.on('test:pass', (event) => {
      if (event.details.type !== 'suite') passed++;
    });
    stream.on('test:fail', (event) => {
      if (event.details.type !== 'suite') failed++;
    });
    await new Promise<void>((resolveDone, reject) => {
      stream.compose(new spec()).pipe(process.stdout, { end: false });
      stream.on('end', resolveDone);
      stream.on('error', reject);
    });
    // The emulator answered every test as moto would have: its remembered attribute look-ups agreed.
    const serialization = serializationVerdict(await readSerializationTally(emulator.endpoint));
    if (serialization.verdict === 'passed') passed++;
    if (serialization.verdict === 'failed') failed++;
    process.stdout.write(`\n${{ passed: '✔', failed: '✖', 'not compared': '-' }[serialization.verdict]} emulator answers: ${serialization.line}\n`);
  } finally {
    await emulator.stop();
  }
  if (typecheck) {
    const { ok, output } = await typecheck;
    if (ok) passed++;
    else failed++;
    process.stdout.write(ok ? '\n✔ type check (tsc --noEmit)\n' : `\n✖ type check (tsc --noEmit):\n${output}\n`);
  }
  process.stdout.write(`\nfiles: ${files.map((f) => relative(process.cwd(), f)).length}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error: Error) => {
  process.stderr.write(`test run could not start: ${error.message}\n`);
  process.exit(1);
});
