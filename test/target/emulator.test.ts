import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EmulatorUnavailable, startEmulator } from '../../support/target/emulator';

async function answers(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) })).status < 500;
  } catch {
    return false;
  }
}

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

test('the emulator starts on a free loopback port and is gone after stop', async () => {
  const emulator = await startEmulator();
  assert.match(emulator.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(await answers(emulator.endpoint));
  assert.match(emulator.version, /^moto/);
  await emulator.stop();
  assert.ok(await eventually(async () => !(await answers(emulator.endpoint)), 5000), 'still answering after stop');
});

/** Linux's scheduling policy of each thread of a process (field 41 of /proc/<pid>/task/<tid>/stat; 3 is SCHED_BATCH). */
function threadPolicies(pid: string): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
  });
}

test('the emulator answers as a batch task: a request it wakes up for does not pre-empt the client that sent it', async () => {
  const emulator = await startEmulator();
  try {
    assert.ok(await answers(emulator.endpoint)); // a kept connection: its thread exists now
    const port = new URL(emulator.endpoint).port;
    const pid = execFileSync('pgrep', ['-f', `moto_server.py -H 127.0.0.1 -p ${port}$`], { encoding: 'utf8' }).trim().split('\n')[0];
    const policies = threadPolicies(pid);
    assert.ok(policies.length >= 2, `threads: ${policies.length}`);
    assert.deepEqual([...new Set(policies)], [3], `policies of the server's threads: ${policies.join(' ')}`);
  } finally {
    await emulator.stop();
  }
});

test('a missing moto gives one clear message saying how to get it', async () => {
  const saved = process.env.MOTO_SERVER;
  process.env.MOTO_SERVER = '/nonexistent/moto_server';
  try {
    await assert.rejects(startEmulator(), (error: Error) => error instanceof EmulatorUnavailable && /pip install "moto\[server\]"/.test(error.message) && /POSTURE_TARGET=endpoint/.test(error.message));
  } finally {
    if (saved === undefined) delete process.env.MOTO_SERVER;
    else process.env.MOTO_SERVER = saved;
  }
});

test('Ctrl-C leaves no orphan emulator behind', async () => {
  const child = spawn(process.execPath, ['--require', join(__dirname, '../compiled-ts.js'), join(__dirname, '../fixtures/start-emulator-and-wait.ts')], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  assert.ok(await answers(endpoint));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.ok(await eventually(async () => !(await answers(endpoint)), 5000), 'the emulator outlived the interrupted run');
});
