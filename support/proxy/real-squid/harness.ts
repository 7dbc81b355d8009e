import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { keptLine } from '../../evaluators/squid/parse';
import { findSquid, squidVersion } from '../squid-binary';
import { MAIN_REQUEST, ORIGIN, type Probe, type ProbeAnswer, type ProbeResult, type RealSquidOutcome } from './model';

export { MAIN_REQUEST, ORIGIN, type Probe, type ProbeAnswer, type ProbeRequest, type ProbeResult, type RealSquidOutcome } from './model';

/**
 * Squid 5 for real, in network namespaces of its own: the proxy namespace holds Squid (on a listening
 * address of its own) and a local origin server; each client namespace holds one client address and a
 * veth link to the proxy namespace. Nothing outside these namespaces and loopback is touched, and all
 * of it is removed afterwards.
 */

export const LISTEN_ADDRESS = '198.18.0.1'; // RFC 2544 benchmarking range, inside the proxy namespace only
const STEP_TIMEOUT_MS = 5_000;
const SQUID_START_TIMEOUT_MS = 30_000;
/** A node process starting on a loaded 2-core CI machine can take many seconds. */
const START_TIMEOUT_MS = 20_000;
const CLIENT_TIMEOUT_MS = 15_000;

/** Why this machine cannot run the scenario, or undefined when it can. */
export function cannotRunReason(squidBinary?: string): string | undefined {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'network namespaces need root (run as root, as CI does)';
  if (!ipBinary()) return 'the "ip" command (iproute2) is not installed';
  if (!findSquid(squidBinary)) return 'no squid binary (install the Debian package "squid", as .ci/run does, or set proxy.squidBinary)';
  return undefined;
}

function ipBinary(): string | undefined {
  return ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function exec(file: string, args: string[], timeout = STEP_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout }, (error, stdout, stderr) => (error ? reject(new Error(`${file} ${args.join(' ')}: ${stderr || error.message}`.trim())) : resolve(stdout)));
  });
}

/** squid.conf rewritten only where it must be: the listening address, and the paths an unprivileged temp run needs. */
export function rewriteForProbe(flattened: string, dir: string): { text: string; rewrites: string[] } {
  const rewrites: string[] = [];
  const pathDirectives = /^\s*(pid_filename|cache_log|access_log|cache_store_log|coredump_dir|cache_dir|netdb_filename)\b/;
  const lines = flattened.split('\n').map((line) => {
    const port = /^(\s*http_port\s+)(?:\[[^\]]+\]:|[^\s:]+:)?(\d+)(.*)$/.exec(line);
    if (port) {
      rewrites.push(`"${keptLine(line.trim(), 120)}" → listening address ${LISTEN_ADDRESS}:${port[2]} (port and options kept)`);
      return `${port[1]}${LISTEN_ADDRESS}:${port[2]}${port[3]}`;
    }
    if (pathDirectives.test(line) && !/^\s*#/.test(line)) {
      rewrites.push(`"${keptLine(line.trim(), 120)}" → commented out (replaced by a path in the temporary directory)`);
      return `# ${line}`;
    }
    return line;
  });
  const own = [
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log stdio:${join(dir, 'access.log')}`,
    'cache_store_log none',
    `coredump_dir ${dir}`,
    'netdb_filename none',
    'shutdown_lifetime 0 seconds', // nothing to drain: the probes have their answers
    'pinger_enable off', // no ICMP helper left running after Squid
  ];
  rewrites.push(`appended: ${own.map((l) => l.replace(dir, '<tmp>')).join('; ')}`);
  return { text: [...lines, '# aws-posture: paths for a temporary run', ...own, ''].join('\n'), rewrites };
}

class Namespaces {
  readonly created: string[] = [];
  constructor(private readonly ip: string) {}

  async add(name: string): Promise<void> {
    await exec(this.ip, ['netns', 'add', name]);
    this.created.push(name);
    await exec(this.ip, ['-n', name, 'link', 'set', 'lo', 'up']);
  }

  run(name: string, ...args: string[]): Promise<string> {
    return exec(this.ip, ['-n', name, ...args]);
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.created.splice(0).map((name) => exec(this.ip, ['netns', 'del', name]).catch(() => undefined)));
  }
}

function waitFor<T>(what: string, timeoutMs: number, poll: () => T | undefined, failed?: () => string | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const failure = failed?.();
      if (failure) return reject(new Error(failure));
      const value = poll();
      if (value !== undefined) return resolve(value);
      if (Date.now() > deadline) return reject(new Error(`${what}: no answer within ${timeoutMs / 1000}s`));
      setTimeout(tick, 100);
    };
    tick();
  });
}

/** SIGTERM, then SIGKILL after `graceMs` (Squid spends seconds shutting down even with nothing to drain). */
async function stop(child: ChildProcess | undefined, graceMs = 3_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Start Squid on the audited config in namespaces of its own, send each probe, and tear everything down. */
export async function runRealSquid(args: { flattenedConf: string; probes: Probe[]; squidBinary?: string }): Promise<RealSquidOutcome> {
  const reason = cannotRunReason(args.squidBinary);
  if (reason) return { kind: 'cannot-run', reason };
  const ip = ipBinary()!;
  const squid = findSquid(args.squidBinary)!;
  const version = await squidVersion(squid);
  const id = randomBytes(3).toString('hex');
  const proxyNs = `posture-${id}-px`;
  const ns = new Namespaces(ip);
  const dir = mkdtempSync(join(tmpdir(), 'posture-real-squid-'));
  let origin: ChildProcess | undefined;
  let squidProcess: ChildProcess | undefined;
  try {
    chmodSync(dir, 0o777); // Squid drops to its cache_effective_user after reading the config
    await ns.add(proxyNs);
    // Both addresses live on the proxy namespace's own loopback device (no dummy module needed).
    for (const address of [LISTEN_ADDRESS, ORIGIN.address]) await ns.run(proxyNs, 'addr', 'add', `${address}/32`, 'dev', 'lo');
    const clients = args.probes.map((probe, i) => ({ probe, ns: `posture-${id}-c${i}`, proxySide: `pq${id}p${i}`, clientSide: `pq${id}c${i}` }));
    // Each client's namespace and link on its own: set up side by side.
    await Promise.all(clients.map(async (c) => {
      await ns.add(c.ns);
      await exec(ip, ['link', 'add', c.proxySide, 'netns', proxyNs, 'type', 'veth', 'peer', 'name', c.clientSide, 'netns', c.ns]);
      await ns.run(c.ns, 'addr', 'add', `${c.probe.address}/32`, 'dev', c.clientSide);
      await ns.run(c.ns, 'link', 'set', c.clientSide, 'up');
      await ns.run(proxyNs, 'link', 'set', c.proxySide, 'up');
      await ns.run(c.ns, 'route', 'add', `${LISTEN_ADDRESS}/32`, 'dev', c.clientSide);
      await ns.run(proxyNs, 'route', 'add', `${c.probe.address}/32`, 'dev', c.proxySide);
    }));

    // The origin, inside the proxy namespace.
    const originLines: string[] = [];
    origin = spawn(ip, ['netns', 'exec', proxyNs, process.execPath, join(__dirname, 'origin-server.js'), ORIGIN.address, String(ORIGIN.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let originBuffer = '';
    origin.stdout!.on('data', (chunk: Buffer) => {
      originBuffer += chunk.toString();
      const parts = originBuffer.split('\n');
      originBuffer = parts.pop() ?? '';
      originLines.push(...parts);
    });
    await waitFor('origin server', START_TIMEOUT_MS, () => (originLines.includes('ready') ? true : undefined), () => (origin!.exitCode !== null ? 'the origin server exited' : undefined));

    // Squid, foreground, on the rewritten config.
    const { text, rewrites } = rewriteForProbe(args.flattenedConf, dir);
    const confFile = join(dir, 'squid.conf');
    writeFileSync(confFile, text, { mode: 0o644 });
    let squidOutput = '';
    squidProcess = spawn(ip, ['netns', 'exec', proxyNs, squid, '-N', '-f', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    squidProcess.stdout!.on('data', (c: Buffer) => (squidOutput += c.toString()));
    squidProcess.stderr!.on('data', (c: Buffer) => (squidOutput += c.toString()));
    const cacheLog = () => (existsSync(join(dir, 'cache.log')) ? readFileSync(join(dir, 'cache.log'), 'utf8') : '');
    try {
      await waitFor('squid start', SQUID_START_TIMEOUT_MS, () => (/Accepting HTTP Socket connections at/.test(cacheLog()) ? true : undefined), () =>
        squidProcess!.exitCode !== null || squidProcess!.signalCode !== null ? 'squid exited' : undefined,
      );
    } catch {
      const messages = `${squidOutput}\n${cacheLog()}`.split('\n').filter((l) => /FATAL|ERROR|unrecognized|Bungled|No valid/i.test(l)).map((l) => keptLine(l.replace(/^\S+ \S+\| /, '').replace(dir, '<tmp>'))).slice(0, 10);
      return { kind: 'refused-config', squidVersion: version, rewrites, messages: messages.length > 0 ? messages : [`squid did not start: ${keptLine(squidOutput.slice(-300)) || 'no output'}`] };
    }

    const port = /Accepting HTTP Socket connections at [^,]*local=[^\s,]*:(\d+)/.exec(cacheLog())?.[1] ?? '3128';
    const results = await Promise.all(
      clients.map(async (c, i): Promise<ProbeResult> => {
        const requests = [MAIN_REQUEST, ...(c.probe.requests ?? []).filter((r) => r.method !== MAIN_REQUEST.method || r.port !== MAIN_REQUEST.port)];
        const path = `/probe-${id}-${i}`;
        const out = await exec(ip, ['netns', 'exec', c.ns, process.execPath, join(__dirname, 'proxy-client.js'), LISTEN_ADDRESS, port, ORIGIN.address, path, JSON.stringify(requests)], CLIENT_TIMEOUT_MS).catch((e: Error) =>
          JSON.stringify(requests.map((r) => ({ ...r, error: e.message.slice(0, 200) }))),
        );
        const answers = JSON.parse(out.trim().split('\n').pop() || '[]') as (ProbeAnswer & { headers?: Record<string, string> })[];
        const main = answers[0] ?? { error: 'no answer' };
        const seen = originLines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { path: string; headers: Record<string, string> }).find((r) => r.path.endsWith(path));
        return {
          ...c.probe,
          status: main.status,
          error: main.error,
          originSaw: seen?.headers,
          replyHeaders: main.headers && { via: main.headers.via, 'x-forwarded-for': main.headers['x-forwarded-for'] },
          answers: answers.map(({ method, port: p, status, error }) => ({ method, port: p, status, error })),
        };
      }),
    );
    return { kind: 'ran', squidVersion: version, rewrites, proxyPort: Number(port), probes: results };
  } finally {
    await Promise.all([stop(squidProcess, 300), stop(origin)]);
    await ns.removeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Client addresses must be ordinary IPv4 unicast (the kernel drops 0/8, loopback, multicast, 240/4 sources) and not the harness's own. */
export function usableClientAddress(address: string): boolean {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() !== 'ipv4' || [LISTEN_ADDRESS, ORIGIN.address].includes(address)) return false;
  const first = (parsed as ipaddr.IPv4).octets[0];
  return !['unspecified', 'loopback', 'multicast', 'broadcast'].includes(parsed.range()) && first !== 0 && first < 240;
}
