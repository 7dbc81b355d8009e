import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyOutcome, domainOf, VERDICT_PREFIX, type Outcome } from './outcome';

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

export function labelValues(result: AllureResult, name: string): string[] {
  return result.labels.filter((l) => l.name === name).map((l) => l.value);
}

export function allAttachments(step: AllureStep): AllureAttachment[] {
  return [...(step.attachments ?? []), ...(step.steps ?? []).flatMap(allAttachments)];
}

export function readAttachment(dir: string, attachment: AllureAttachment): string | undefined {
  const path = join(dir, attachment.source);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The 'waived' tag label and the WAIVED: note both come from world.ts assertControl (support/waivers). */
export function isWaived(result: AllureResult): boolean {
  return labelValues(result, 'tag').some((t) => t.replace(/^@/, '') === 'waived') || allAttachments(result).some((a) => /^waived\b/i.test(a.name));
}

/** allure-cucumberjs reports a scenario with an undefined step as passed, with this message. */
const NOT_IMPLEMENTED = /doesn't have an implementation/;

export function outcomeOf(result: AllureResult): Outcome {
  if (NOT_IMPLEMENTED.test(result.statusDetails?.message ?? '') || (result.steps ?? []).some((s) => s.status === undefined)) return 'suite-error';
  return classifyOutcome(result.status ?? 'unknown', result.statusDetails?.message, isWaived(result));
}

export function domainOfResult(result: AllureResult): string {
  const epic = labelValues(result, 'epic')[0];
  if (epic) return epic;
  return domainOf([], featureUriOf(result));
}

/** allure-cucumberjs writes fullName as `<project>:<feature path>#<scenario>`. */
export function featureUriOf(result: AllureResult): string {
  const before = (result.fullName ?? '').split('#')[0];
  return before.slice(before.lastIndexOf(':') + 1);
}

/**
 * Make Allure's statuses say what the suite means. allure-js marks any non-assertion error "broken", so
 * a control failure (NON-COMPLIANT / NOT VERIFIED) is set to "failed" and "broken" is left to suite
 * errors. A waived scenario passes without a message; it gets its WAIVED: note as the status message so
 * the "Waived" category can match it. Safe to run again on the same results.
 */
export function normalizeResult(result: AllureResult, dir: string): boolean {
  const outcome = outcomeOf(result);
  let changed = false;
  if ((outcome === 'non-compliant' || outcome === 'not-verified') && result.status !== 'failed') {
    result.status = 'failed';
    changed = true;
  }
  if (outcome === 'waived' && !result.statusDetails?.message) {
    const note = allAttachments(result)
      .filter((a) => /^waived\b/i.test(a.name))
      .map((a) => readAttachment(dir, a))
      .find((text) => text?.startsWith(VERDICT_PREFIX.waived));
    result.statusDetails = { ...result.statusDetails, message: note ?? `${VERDICT_PREFIX.waived} every finding of this control is accepted by a waiver` };
    changed = true;
  }
  if (outcome === 'suite-error' && result.status !== 'broken') {
    // e.g. an undefined step, which allure-cucumberjs reports as passed
    result.statusDetails = { ...result.statusDetails, message: result.statusDetails?.message || `suite error: the scenario ended ${result.status ?? 'unknown'} without a message` };
    result.status = 'broken';
    changed = true;
  }
  return changed;
}

export function normalizeAllureResults(dir: string): number {
  let changed = 0;
  for (const { file, result } of readAllureResults(dir)) {
    if (normalizeResult(result, dir)) {
      writeFileSync(file, JSON.stringify(result));
      changed++;
    }
  }
  return changed;
}

/** A verdict prefix, after an optional error name ("ControlFailure: "), as a Java regex over the whole message. */
const startsWith = (prefix: string) => `(?s)(\\w+: )?${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*`;

/** categories.json: the four outcomes a reader must tell apart (Allure matches a category's regex against the whole message). */
export const POSTURE_CATEGORIES = [
  { name: 'Non-compliant findings', description: 'A control does not hold: each finding names the resource and why.', matchedStatuses: ['failed', 'broken'], messageRegex: startsWith(VERDICT_PREFIX['non-compliant']) },
  { name: 'Not verified (could not read)', description: 'The suite could not read what the control needs (AccessDenied, service missing): never a pass.', matchedStatuses: ['failed', 'broken'], messageRegex: startsWith(VERDICT_PREFIX['not-verified']) },
  { name: 'Waived', description: 'Every finding of the control is accepted by a waiver (reason, owner, expiry in the note).', matchedStatuses: ['passed', 'skipped', 'failed', 'broken'], messageRegex: startsWith(VERDICT_PREFIX.waived) },
  {
    name: 'Suite errors',
    description: 'The suite itself went wrong: a crash, an undefined step, a failed hook, an exam fact the emulator contradicts.',
    matchedStatuses: ['failed', 'broken', 'unknown'],
    messageRegex: `(?s)(?!(\\w+: )?(${Object.values(VERDICT_PREFIX).map((p) => p.replace(/:$/, '')).join('|')}):).*`,
  },
];

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
