/**
 * `npm test`: one emulator for the whole run, the node test runner over every test file, and a closing
 * `N passed, N failed` line.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { startEmulator } from '../support/target/emulator';

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return testFiles(path);
      return entry.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

async function main(): Promise<void> {
  const filter = process.argv.slice(2);
  const files = testFiles(__dirname).filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)));
  const emulator = await startEmulator();
  process.env.POSTURE_TEST_ENDPOINT = emulator.endpoint;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ts-node/register`.trim();
  process.env.TS_NODE_TRANSPILE_ONLY = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let passed = 0;
  let failed = 0;
  try {
    const stream = run({ files, concurrency: Number(process.env.POSTURE_TEST_CONCURRENCY ?? 2) });
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
  } finally {
    await emulator.stop();
  }
  process.stdout.write(`\nfiles: ${files.map((f) => relative(process.cwd(), f)).length}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error: Error) => {
  process.stderr.write(`test run could not start: ${error.message}\n`);
  process.exit(1);
});
