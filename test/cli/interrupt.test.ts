import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { runAudit } from '../../support/cli/audit';
import { TagsError } from '../../support/run/tag-check';

/**
 * Interrupted and refused audits: the emulator never outlives the audit, and the previous reports stay
 * whole. Each audit runs in a scratch working directory (its own reports/) that sees the suite.
 */
const ROOT = resolve(__dirname, '../..');
const PREVIOUS = '<testsuite name="previous run"/>\n';

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'posture-interrupt-'));
  for (const entry of ['cucumber.js', 'features', 'steps', 'support', 'build', 'node_modules', 'posture.config.yaml', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) symlinkSync(join(ROOT, entry), join(dir, entry));
  mkdirSync(join(dir, 'reports/allure-results'), { recursive: true });
  writeFileSync(join(dir, 'reports/junit.xml'), PREVIOUS);
  writeFileSync(join(dir, 'reports/allure-results/previous-result.json'), '{}\n');
  return dir;
}

function assertPreviousReportsWhole(dir: string): void {
  assert.equal(readFileSync(join(dir, 'reports/junit.xml'), 'utf8'), PREVIOUS);
  assert.deepEqual(readdirSync(join(dir, 'reports/allure-results')), ['previous-result.json']);
  assert.deepEqual(readdirSync(join(dir, 'reports')).filter((name) => name.startsWith('.')), [], 'no staging folder left');
}

/** Every process below `pid`, from the process table (/proc), with its command line. */
function descendants(pid: number): { pid: number; command: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const found: { pid: number; command: string }[] = [];
  const walk = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      let command = '';
      try {
        command = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      found.push({ pid: child, command });
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `npm run audit` on the embedded emulator until its moto server is up; then the caller interrupts it. */
async function startAudit(dir: string) {
  const npm = spawn('npm', ['run', '--silent', 'audit', '--', '--tags', '@domain:s3'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, POSTURE_TARGET: 'emulator', AWS_ENDPOINT_URL: '' } });
  let stderr = '';
  npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((r) => npm.once('exit', (code, signal) => r(code ?? (signal ? -1 : null))));
  const tree = await until('the audit and its moto server', () => {
    const all = descendants(npm.pid as number);
    // The audit: the compiled CLI behind the launcher (or the TypeScript source under ts-node).
    const audit = all.find((p) => /support\/cli\/(launch\.js audit|audit\.ts)/.test(p.command));
    const moto = all.find((p) => p.command.includes('moto_server'));
    return audit && moto ? { audit: audit.pid, moto: moto.pid, all: all.map((p) => p.pid) } : undefined;
  }, 90_000);
  return { npm, tree, exited, stderr: () => stderr };
}

async function assertNothingLeft(pids: number[], stderr: () => string): Promise<void> {
  await until(`no audit or moto process left (${pids.join(', ')})`, () => pids.every((pid) => !alive(pid)) || undefined, 10_000).catch((error: Error) => {
    throw new Error(`${error.message}; left: ${pids.filter(alive).join(', ')}\n${stderr()}`);
  });
}

describe('an interrupted audit leaves no process and the previous reports whole', { concurrency: true }, () => {
  test('SIGTERM to the `npm run audit` process stops the audit and its emulator', async () => {
    const dir = scratchDir();
    const { npm, tree, exited, stderr } = await startAudit(dir);
    npm.kill('SIGTERM');
    await exited;
    await assertNothingLeft([npm.pid as number, ...tree.all], stderr);
    assertPreviousReportsWhole(dir);
  });

  test('SIGKILL to the audit node process: its emulator exits by itself', async () => {
    const dir = scratchDir();
    const { npm, tree, exited, stderr } = await startAudit(dir);
    process.kill(tree.audit, 'SIGKILL');
    await exited;
    await assertNothingLeft([npm.pid as number, ...tree.all], stderr);
    assert.equal(readFileSync(join(dir, 'reports/junit.xml'), 'utf8'), PREVIOUS);
  });
});

describe('a refused --tags touches nothing', () => {
  let dir: string;
  before(() => {
    dir = scratchDir();
  });
  const cases: [string, string, RegExp][] = [
    ['an expression that does not parse', '@domain:s3 and', /^--tags "@domain:s3 and": not a tag expression \(Expected operand\)/],
    ['an unmatched parenthesis', 'not (@domain:s3', /^--tags "not \(@domain:s3": not a tag expression \(Unmatched \(\)/],
    ['an expression matching no scenario', '@domain:nowhere', /^--tags "@domain:nowhere": selects no scenario/],
  ];
  for (const [name, tags, expected] of cases) {
    test(`${name}: one line, before the target starts, reports untouched`, async () => {
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        // An unreachable endpoint: the target would fail if anything got as far as starting it.
        await assert.rejects(runAudit(['--tags', tags], { env: { ...process.env, POSTURE_TARGET: 'endpoint', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } }), (error: Error) => error instanceof TagsError && expected.test(error.message) && !error.message.includes('\n'));
      } finally {
        process.chdir(cwd);
      }
      assertPreviousReportsWhole(dir);
      assert.ok(!existsSync(join(dir, 'reports/posture.sarif')));
    });
  }
});
