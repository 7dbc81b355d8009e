/**
 * `npm run bench -- --estate large [--scale k] [--against <git-ref>] [--runs n]` · `npm run bench -- --messages [--runs n]`
 *
 * Seeds estate L (support/estates/large.ts; --scale k multiplies it) into a fresh embedded emulator and
 * audits it in endpoint mode, as a user would (`npm run audit` in a child process): wall, CPU and peak
 * memory of the audit process, calls by service/operation as the emulator counted them, calls per
 * resource and the documented minimum. With --against, that commit is checked out in a temporary git
 * worktree (node_modules symlinked, built if it has a build script) and the two audits alternate on the
 * same emulator, `--runs` times each (3), and the wall ratio is printed. With --scale k > 1 the same is
 * measured on L first, then on k×L in a fresh emulator, and time(kL)/time(L) is printed.
 *
 * Both sides run with `--tags "not @exam"`: @exam scenarios build resources in a scratch account and
 * are no part of auditing the estate. JSON in reports/bench.json. A benchmark: it asserts nothing.
 */
import '../env';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPostureConfig } from '../config/load';
import type { PostureConfig } from '../config/schema';
import { COUNT_CALLS_ENV, EmulatorCalls } from '../bench/emulator-calls';
import { isPerResource, minimumCalls } from '../bench/minimum';
import { largeEstateShape, provisionLargeEstate, type LargeEstateShape } from '../estates/large';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT } from '../target/accounts';
import { ClientFactory } from '../target/clients';
import { startEmulator } from '../target/emulator';

interface BenchArgs {
  estate: 'large';
  scale: number;
  against?: string;
  runs: number;
  /** Seed estate L, print the endpoint and keep serving it until interrupted (for profiling one audit by hand). */
  serve?: boolean;
  /** Time the bounded-failure-message fixture through cucumber instead (issue 12). */
  messages?: boolean;
}

interface Side {
  name: string;
  dir: string;
  command: string[];
  /** Extra environment of this side's audit (its pinned config). */
  env: Record<string, string>;
}

interface RunFigures {
  side: string;
  wallS: number;
  cpuS: number;
  peakMiB: number;
  exitCode: number;
  calls: number;
  byOperation: Record<string, number>;
  /** Summed emulator answer time per operation (ms). */
  msByOperation: Record<string, number>;
  summary: string;
}

const ROOT = resolve(__dirname, '..', '..').replace(/[/\\]build$/, '');
const AUDIT_TAGS = 'not @exam';
/**
 * Estate L lives in two regions; the shipped config audits every enabled region, so this tree's audit
 * runs with the self-tests' pinned copy of it (us-east-1, eu-west-1). A commit from before regions were
 * optional pins them in its own posture.config.yaml.
 */
const PINNED_CONFIG = join(ROOT, 'test/fixtures/posture.pinned.yaml');

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { estate: 'large', scale: 1, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '--estate') {
      if (value() !== 'large') throw new Error('--estate: only "large" (estate L of issue 14) is known');
    } else if (name === '--scale') args.scale = positive(name, value());
    else if (name === '--runs') args.runs = positive(name, value());
    else if (name === '--against') args.against = value();
    else if (name === '--serve') args.serve = true;
    else if (name === '--messages') args.messages = true;
    else throw new Error(`unknown option "${name}" (supported: --estate large, --scale <k>, --against <git-ref>, --runs <n>, --serve, --messages)`);
  }
  return args;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a whole number ≥ 1`);
  return n;
}

/** How a tree runs its audit: its compiled CLI when it has one (after its build script), else through ts-node. */
function prepareSide(name: string, dir: string): Side {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (pkg.scripts?.build) {
    console.log(`building ${name} (npm run build)`);
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: dir, stdio: 'inherit' });
  }
  const compiled = join(dir, 'build', 'support', 'cli', 'audit.js');
  const command = existsSync(compiled) ? ['node', compiled] : ['node', '--require', 'ts-node/register', 'support/cli/audit.ts'];
  const pinned: Record<string, string> = existsSync(join(dir, 'test/fixtures/posture.pinned.yaml')) ? { POSTURE_CONFIG: join(dir, 'test/fixtures/posture.pinned.yaml') } : {};
  return { name, dir, command: [...command, '--tags', AUDIT_TAGS], env: pinned };
}

function worktreeFor(ref: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'posture-bench-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(resolveNodeModules(), join(dir, 'node_modules'));
  return {
    dir,
    remove: () => {
      try {
        execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
      } catch {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function resolveNodeModules(): string {
  return realpathSync(join(ROOT, 'node_modules'));
}

/** One audit in a child process, timed by /usr/bin/time (wall, user+system CPU, peak RSS). */
async function auditOnce(side: Side, endpoint: string, calls: EmulatorCalls): Promise<RunFigures> {
  await calls.reset();
  const timing = join(mkdtempSync(join(tmpdir(), 'posture-bench-time-')), 'time');
  const env = {
    ...process.env,
    POSTURE_TARGET: 'endpoint',
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: EMULATOR_BASE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_BASE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    POSTURE_ESTATE: '',
    NODE_NO_WARNINGS: '1',
    ...side.env,
  };
  delete (env as Record<string, string | undefined>).POSTURE_ESTATE;
  const { code, out, wall, user, system, rssKb } = await new Promise<{ code: number | null; out: string; wall: number; user: number; system: number; rssKb: number }>((done, fail) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timing, ...side.command], { cwd: side.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', () => undefined);
    child.on('error', fail);
    child.on('exit', (code) => {
      const [wall, user, system, rssKb] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      done({ code, out, wall, user, system, rssKb });
    });
  });
  const { counts, millis } = await calls.snapshot();
  return {
    side: side.name,
    wallS: wall,
    cpuS: Math.round((user + system) * 100) / 100,
    peakMiB: Math.round(rssKb / 1024),
    exitCode: code ?? -1,
    calls: Object.values(counts).reduce((a, b) => a + b, 0),
    byOperation: counts,
    msByOperation: millis,
    summary: out.split('\n').filter((l) => /passed|failed|verified/i.test(l)).slice(-8).join('\n'),
  };
}

async function seeded(config: PostureConfig, shape: LargeEstateShape): Promise<{ endpoint: string; stop: () => Promise<void>; seedMs: number }> {
  const emulator = await startEmulator({ env: { [COUNT_CALLS_ENV]: '1' } });
  const started = Date.now();
  const clients = new ClientFactory(emulator.endpoint, 'provisioning');
  try {
    await provisionLargeEstate(
      { clients, account: { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' }, regions: config.regions, home: config.regions[0], config, handles: new Map() },
      shape,
    );
  } finally {
    clients.destroy();
  }
  return { endpoint: emulator.endpoint, stop: () => emulator.stop(), seedMs: Date.now() - started };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function describeSide(name: string, runs: RunFigures[]) {
  return {
    side: name,
    runs: runs.length,
    wallS: median(runs.map((r) => r.wallS)),
    cpuS: median(runs.map((r) => r.cpuS)),
    peakMiB: median(runs.map((r) => r.peakMiB)),
    calls: median(runs.map((r) => r.calls)),
    exitCodes: runs.map((r) => r.exitCode),
    byOperation: runs[runs.length - 1].byOperation,
    msByOperation: runs[runs.length - 1].msByOperation,
  };
}

/** Measure the sides alternately on one seeded emulator. */
async function measure(config: PostureConfig, shape: LargeEstateShape, sides: Side[], runs: number) {
  const resources = shape.buckets + shape.users + config.regions.length * shape.vpcsPerRegion * (1 + shape.subnetsPerVpc + shape.securityGroupsPerVpc + shape.naclsPerVpc);
  console.log(`seeding estate (${shape.buckets} buckets, ${shape.users} users, ${shape.vpcsPerRegion} VPCs per region in ${config.regions.join(', ')}; ${resources} resources)`);
  const emulator = await seeded(config, shape);
  console.log(`seeded in ${(emulator.seedMs / 1000).toFixed(1)} s`);
  const calls = new EmulatorCalls(emulator.endpoint);
  const endpoint = emulator.endpoint;
  try {
    // The emulator's first use of each service loads its models: one unmeasured audit warms it.
    console.log('warm-up audit (not measured)');
    await auditOnce(sides[0], endpoint, calls);
    const results: RunFigures[] = [];
    for (let i = 0; i < runs; i++) {
      for (const side of sides) {
        const figures = await auditOnce(side, endpoint, calls);
        results.push(figures);
        console.log(`  ${side.name.padEnd(24)} wall ${figures.wallS.toFixed(2)} s  cpu ${figures.cpuS.toFixed(2)} s  peak ${figures.peakMiB} MiB  calls ${figures.calls}  exit ${figures.exitCode}`);
        if (figures.exitCode === 1) console.log(`    (exit 1: the audit could not run)\n${figures.summary}`);
      }
    }
    const minimum = minimumCalls(shape);
    const bySide = sides.map((side) => describeSide(side.name, results.filter((r) => r.side === side.name)));
    const ours = bySide[0];
    const onceOperations = Object.entries(ours.byOperation).filter(([op]) => !isPerResource(op));
    const once = onceOperations.reduce((sum, [, n]) => sum + n, 0);
    const documentedMinimum = minimum.perResourceTotal + once;
    return { shape, resources, seedS: emulator.seedMs / 1000, runs: results, sides: bySide, minimum: { ...minimum, oncePerScope: once, total: documentedMinimum } };
  } finally {
    await emulator.stop();
  }
}

function printSide(s: ReturnType<typeof describeSide>, resources: number, minimum: number): void {
  console.log(`\n${s.side}: median of ${s.runs}: wall ${s.wallS.toFixed(2)} s, cpu ${s.cpuS.toFixed(2)} s, peak ${s.peakMiB} MiB, ${s.calls} calls (${(s.calls / resources).toFixed(2)} per resource; ${(s.calls / minimum).toFixed(2)} × the documented minimum ${minimum})`);
  const rows = Object.entries(s.byOperation).slice(0, 25);
  console.log(`    ${'operation'.padEnd(48)} ${'calls'.padStart(6)} ${'answer ms (summed)'.padStart(19)}`);
  for (const [op, n] of rows) console.log(`    ${op.padEnd(48)} ${String(n).padStart(6)} ${String(s.msByOperation[op] ?? '').padStart(19)}`);
  if (Object.keys(s.byOperation).length > rows.length) console.log(`    … ${Object.keys(s.byOperation).length - rows.length} more operations`);
}

/**
 * `--messages`: how long cucumber takes to fail a control with 10,000 findings that each quote a 5 KB
 * squid.conf line (test/fixtures/bounded; the self-test asserts the message is bounded, this times it).
 */
async function benchMessages(runs: number): Promise<void> {
  const { loadConfiguration, loadSupport, runCucumber } = await import('@cucumber/cucumber/api');
  const { PassThrough } = await import('node:stream');
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: { paths: [join(ROOT, 'test/fixtures/bounded/bounded.feature')], require: [join(ROOT, 'test/fixtures/bounded/steps.ts')], requireModule: ['ts-node/register'], format: ['summary'] },
  });
  // Step code loads once (a second require would register nothing); each run fails the control anew.
  const support = await loadSupport(runConfiguration, { cwd: ROOT });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sink = new PassThrough();
    let failed = 0;
    sink.resume();
    const started = Date.now();
    await runCucumber({ ...runConfiguration, support }, { cwd: ROOT, stdout: sink, stderr: sink }, (envelope) => {
      if (envelope.testStepFinished?.testStepResult.status === 'FAILED') failed++;
    });
    times.push(Date.now() - started);
    if (failed !== 1) throw new Error(`the bounded-message fixture should fail its one step, got ${failed} failures`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`bounded failure message (10,000 findings, 5 KB quoted lines): median ${sorted[Math.floor(sorted.length / 2)]} ms over ${runs} run(s) (${times.join(', ')} ms)`);
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  writeFileSync(join(ROOT, 'reports/bench-messages.json'), `${JSON.stringify({ at: new Date().toISOString(), runsMs: times }, null, 2)}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.messages) return benchMessages(args.runs);
  const config = loadPostureConfig(process.env.POSTURE_CONFIG ?? PINNED_CONFIG);
  if (args.serve) {
    const emulator = await seeded(config, largeEstateShape(args.scale));
    console.log(`estate L × ${args.scale} seeded in ${(emulator.seedMs / 1000).toFixed(1)} s; serving at ${emulator.endpoint} (Ctrl-C stops it)`);
    await new Promise(() => undefined);
  }
  const worktree = args.against ? worktreeFor(args.against) : undefined;
  try {
    const sides = [prepareSide('this tree', ROOT), ...(worktree ? [prepareSide(`against ${args.against}`, worktree.dir)] : [])];
    const report: Record<string, unknown> = { at: new Date().toISOString(), args, tags: AUDIT_TAGS, sides: sides.map((s) => ({ name: s.name, command: s.command.join(' ') })) };

    const base = await measure(config, largeEstateShape(1), sides, args.runs);
    console.log(`\nestate L: ${base.resources} resources; documented minimum ${base.minimum.total} calls (${base.minimum.perResourceTotal} per-resource + ${base.minimum.oncePerScope} once per account/region)`);
    for (const s of base.sides) printSide(s, base.resources, base.minimum.total);
    report.L = base;
    if (base.sides.length === 2) {
      const ratio = base.sides[0].wallS / base.sides[1].wallS;
      console.log(`\nwall ratio this tree / ${args.against}: ${ratio.toFixed(2)} (calls ${base.sides[0].calls} vs ${base.sides[1].calls})`);
      report.wallRatio = ratio;
    }
    if (args.scale > 1) {
      const scaled = await measure(config, largeEstateShape(args.scale), [sides[0]], args.runs);
      printSide(scaled.sides[0], scaled.resources, scaled.minimum.total);
      const growth = scaled.sides[0].wallS / base.sides[0].wallS;
      console.log(`\ntime(${args.scale}L)/time(L): ${growth.toFixed(2)}`);
      report[`L${args.scale}`] = scaled;
      report.growth = growth;
    }
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    writeFileSync(join(ROOT, 'reports', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('\nreports/bench.json written');
  } finally {
    worktree?.remove();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
