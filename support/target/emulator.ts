import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The embedded emulator: moto server on a free loopback port, stopped when the run ends, however it ends. */
export interface RunningEmulator {
  endpoint: string;
  version: string;
  stop(): Promise<void>;
}

export class EmulatorUnavailable extends Error {
  override name = 'EmulatorUnavailable';
}

const HOW_TO_GET_MOTO =
  'moto server is needed for the embedded emulator: install it for python3 with `pip install "moto[server]"` ' +
  '(moto 5.x), or set MOTO_SERVER to its path, or audit another target (POSTURE_TARGET=endpoint with AWS_ENDPOINT_URL, or live)';

const running = new Set<ChildProcess>();
let exitHandlersInstalled = false;

export async function startEmulator(options: { readyTimeoutMs?: number; /** Extra environment of the server (the bench: call counting). */ env?: Record<string, string> } = {}): Promise<RunningEmulator> {
  installExitHandlers();
  const port = await freePort();
  // MOTO_SERVER names another moto_server executable; by default python3 runs moto through our launcher.
  const custom = process.env.MOTO_SERVER;
  const command = custom ?? 'python3';
  const args = [...(custom ? [] : [join(__dirname, 'moto_server.py')]), '-H', '127.0.0.1', '-p', String(port)];
  const child = spawn(command, args, {
    // stdin is a pipe held by this process only: when it dies, however it dies, the server sees EOF and exits (moto_server.py).
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true, // its own process group: Ctrl-C reaches us, and we stop the whole group
    env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...process.env, ...options.env, POSTURE_MOTO_EXIT_WITH_PARENT: '1' }, // AWS managed policies (AdministratorAccess, AWSSupportAccess, ...) exist, as in AWS
  });
  child.stdin?.on('error', () => undefined); // EPIPE when the server has gone first
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      running.delete(child);
      reject(new EmulatorUnavailable(error.code === 'ENOENT' ? `"${command}" was not found. ${HOW_TO_GET_MOTO}` : `${command}: ${error.message}`));
    });
    child.once('exit', (code) => {
      running.delete(child);
      const missing = code === 3 || /No module named/.test(stderr);
      reject(new EmulatorUnavailable(missing ? `moto is not installed. ${HOW_TO_GET_MOTO}` : `moto server exited (code ${code}) before it answered: ${lastLine(stderr)}`));
    });
  });
  spawnFailed.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  const version = motoVersion();
  // Once the race is decided the polling stops: a server that failed to spawn must not keep the process alive for the timeout.
  const decided = new AbortController();
  try {
    await Promise.race([waitUntilAnswering(endpoint, options.readyTimeoutMs ?? 30_000, decided.signal), spawnFailed]);
  } catch (error) {
    kill(child);
    throw error;
  } finally {
    decided.abort();
  }
  return {
    endpoint,
    version: await version,
    stop: () => stopChild(child),
  };
}

/** Forget every resource in every emulated account. */
export async function resetEmulator(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
}

/** Reported in the environment of the report; asked while the server starts. */
function motoVersion(): Promise<string> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', 'import moto; print(moto.__version__)'], { timeout: 10_000 }, (error, stdout) => {
      resolve(error ? 'moto (version unknown)' : `moto ${stdout.trim()}`);
    });
  });
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number, decided: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (decided.aborted) return;
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmulatorUnavailable(`moto server did not answer at ${endpoint} within ${timeoutMs} ms`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const hardStop = setTimeout(() => kill(child, 'SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(hardStop);
      running.delete(child);
      resolve();
    });
    kill(child, 'SIGTERM');
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the process group: the shim and python alike
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** No orphan emulator: on normal exit, on a crash, on Ctrl-C and on SIGTERM. */
function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  process.once('exit', () => {
    for (const child of running) kill(child);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const child of running) kill(child);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').slice(-3).join('\n');
}
