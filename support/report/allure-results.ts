import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POSTURE_CATEGORIES } from './allure-categories';

/** The parts of an allure-results `*-result.json` this suite reads (Allure 2 result format). */
export interface AllureAttachment {
  name: string;
  source: string;
  type?: string;
}
export interface AllureStep {
  name?: string;
  status?: string;
  attachments?: AllureAttachment[];
  steps?: AllureStep[];
}
export interface AllureResult extends AllureStep {
  uuid: string;
  name: string;
  fullName?: string;
  historyId?: string;
  status?: string;
  statusDetails?: { message?: string; trace?: string };
  labels: { name: string; value: string }[];
  links?: { name?: string; url: string; type?: string }[];
  parameters?: { name: string; value: string }[];
  start?: number;
  stop?: number;
}

export interface ResultFile {
  file: string;
  result: AllureResult;
}

export function readAllureResults(dir: string): ResultFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('-result.json'))
    .sort()
    .map((name) => ({ file: join(dir, name), result: JSON.parse(readFileSync(join(dir, name), 'utf8')) as AllureResult }));
}

export function writeCategories(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'categories.json'), `${JSON.stringify(POSTURE_CATEGORIES, null, 2)}\n`);
}

/** Java .properties: escape the characters that would end a key or start a comment. */
function propertiesEscape(text: string, key = false): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return key ? escaped.replace(/([ =:#!])/g, '\\$1') : escaped.replace(/^([#!])/, '\\$1');
}

export function environmentProperties(entries: Record<string, string>): string {
  return `${Object.entries(entries)
    .map(([key, value]) => `${propertiesEscape(key, true)}=${propertiesEscape(value)}`)
    .join('\n')}\n`;
}

export function writeEnvironment(dir: string, entries: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'environment.properties'), environmentProperties(entries));
}

/** executor.json: who ran the audit (the CI run when there is one), so the report and its trend name each build. */
export function writeExecutor(dir: string, buildName: string, env: NodeJS.ProcessEnv = process.env): void {
  const ci = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const executor = { name: ci ? 'GitHub Actions' : 'aws-posture audit', type: ci ? 'github' : 'aws-posture', buildName, ...(ci ? { buildUrl: ci, buildOrder: Number(env.GITHUB_RUN_NUMBER) || undefined } : {}) };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'executor.json'), `${JSON.stringify(executor, null, 2)}\n`);
}

/**
 * environment.properties for results an audit did not finish (plain `npx cucumber-js`): what the results
 * themselves tell (accounts, regions, time); the target and emulator are only known to `npm run audit`.
 */
export function environmentFromResults(results: readonly AllureResult[], suite: string): Record<string, string> {
  const parameter = (name: string) => [...new Set(results.flatMap((r) => (r.parameters ?? []).filter((p) => p.name === name).map((p) => p.value)))];
  const starts = results.flatMap((r) => (r.start ? [r.start] : []));
  const stops = results.flatMap((r) => (r.stop ? [r.stop] : []));
  return {
    Target: 'not recorded (results from cucumber-js directly; `npm run audit` records target and emulator)',
    Accounts: parameter('Account').filter((a) => /^\d{12}$/.test(a)).join(', ') || 'unknown',
    Regions: [...new Set(parameter('Regions').flatMap((r) => r.split(', ')))].join(', ') || 'unknown',
    Suite: suite,
    ...(starts.length > 0 ? { Started: new Date(Math.min(...starts)).toISOString() } : {}),
    ...(stops.length > 0 ? { Finished: new Date(Math.max(...stops)).toISOString() } : {}),
  };
}
