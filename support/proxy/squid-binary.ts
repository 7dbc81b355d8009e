import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { keptLine } from '../evaluators/squid/parse';
import type { SquidSyntaxCheck } from '../inventory/types/proxy';

const PARSE_TIMEOUT_MS = 20_000;

/** The squid binary: the configured one, else /usr/sbin/squid, else the first on PATH. */
export function findSquid(configured?: string): string | undefined {
  const candidates = configured ? [configured] : ['/usr/sbin/squid', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'squid'))];
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function run(file: string, args: string[], timeout: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}${error && !stderr ? String(error.message) : ''}` });
    });
  });
}

export async function squidVersion(binary: string): Promise<string> {
  const { output } = await run(binary, ['-v'], PARSE_TIMEOUT_MS);
  return /Version (\S+)/.exec(output)?.[1] ?? 'unknown';
}

/** `squid -k parse -f <file>` on the configuration as Squid reads it (includes inlined). */
export async function squidParse(flattenedConf: string, configured?: string): Promise<SquidSyntaxCheck> {
  const binary = findSquid(configured);
  if (!binary) return { kind: 'unavailable', reason: 'no squid binary on this machine (install Debian package "squid" or set proxy.squidBinary)' };
  const dir = mkdtempSync(join(tmpdir(), 'posture-squid-parse-'));
  try {
    const file = join(dir, 'squid.conf');
    writeFileSync(file, flattenedConf);
    const [version, result] = await Promise.all([squidVersion(binary), run(binary, ['-k', 'parse', '-f', file], PARSE_TIMEOUT_MS)]);
    const messages = result.output.split('\n').filter((l) => /FATAL|ERROR|unrecognized|Bungled/i.test(l)).map((l) => keptLine(l.replace(/^\S+ \S+\| /, '').replace(file, 'squid.conf'))).slice(0, 20);
    return { kind: 'checked', binary, version, exitCode: result.code, messages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
