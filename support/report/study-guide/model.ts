import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Comment, type GherkinDocument, type Scenario, type Step, type Tag } from '@cucumber/messages';
import type { ScenarioVerdict } from '../../outcome/outcome';
import { domainOf, tagValues } from '../tags';

/**
 * The study guide's content, read from the feature files: domains → features → narrative → scenarios.
 * Sources come from `@source:<url>` tags or `# source: …` comments just above a scenario (or above the
 * first scenario, for the whole feature); `# outdated: …` comments and narrative sentences that call a
 * claim outdated, or date a fact ("since December 2020"), are listed as dated facts.
 */
export interface GuideStep {
  keyword: string;
  text: string;
  docString?: string;
  dataTable?: string[][];
}

export interface GuideScenario {
  name: string;
  keyword: string;
  line: number;
  tags: string[];
  cis: string[];
  severity?: string;
  exam: boolean;
  /** How an exam fact is shown: the emulator itself behaves so, or the suite's evaluator decides it (`@established:`). */
  established?: 'emulator' | 'evaluator';
  steps: GuideStep[];
  examples: { name: string; rows: string[][] }[];
  sources: string[];
  dated: string[];
  /** The names cucumber runs this scenario under (one per Examples row for an outline). */
  pickleNames: string[];
}

export interface GuideFeature {
  uri: string;
  name: string;
  domain: string;
  narrative: string;
  tags: string[];
  exam: boolean;
  background: GuideStep[];
  sources: string[];
  dated: string[];
  scenarios: GuideScenario[];
}

export interface GuideDomain {
  name: string;
  features: GuideFeature[];
}

export interface ScenarioStatus {
  outcome: ScenarioVerdict | 'not-run';
  /** How many runs (accounts, outline rows) this status sums up. */
  runs: number;
  message?: string;
}

const SOURCE_COMMENT = /^\s*#\s*sources?\s*:\s*(.+)$/i;
const OUTDATED_COMMENT = /^\s*#\s*outdated\s*:\s*(.+)$/i;
const DATED_SENTENCE = /\boutdated\b|\bno longer\b|\bolder notes\b|\bnotes (?:said|claimed)\b|\b(?:since|until|from) (?:(?:January|February|March|April|May|June|July|August|September|October|November|December) )?(?:19|20)\d\d\b/i;

function establishedOf(value: string | undefined): GuideScenario['established'] {
  return value === 'emulator' || value === 'evaluator' ? value : undefined;
}

export function featureFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return featureFiles(path);
      return entry.endsWith('.feature') ? [path] : [];
    })
    .sort();
}

export function parseFeature(text: string, uri: string): GuideFeature | undefined {
  const newId = IdGenerator.incrementing();
  const document: GherkinDocument = { ...new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(text), uri };
  const feature = document.feature;
  if (!feature) return undefined;
  const pickles = compile(document, uri, newId);
  const featureTags = tagNames(feature.tags);
  const scenarioNodes = feature.children.flatMap((c) => (c.scenario ? [c.scenario] : c.rule ? c.rule.children.flatMap((r) => (r.scenario ? [r.scenario] : [])) : []));
  const firstLine = scenarioNodes.length > 0 ? Math.min(...scenarioNodes.map(headerLine)) : Number.MAX_SAFE_INTEGER;
  // Comments directly above the first scenario (no blank line between) are that scenario's; others above it the feature's.
  const commentLines = new Set(document.comments.map((c) => c.location.line));
  const aboveFirst = (line: number) => scenarioNodes.length > 0 && Array.from({ length: Math.max(0, firstLine - line) }, (_, i) => line + i).every((l) => commentLines.has(l));
  const headerComments = document.comments.filter((c) => c.location.line < firstLine && c.location.line > feature.location.line && !aboveFirst(c.location.line));
  // A comment belongs to the scenario it sits in, else to the next scenario below it.
  const ownerOf = (line: number) => scenarioNodes.find((n) => headerLine(n) <= line && line <= lastLine(n)) ?? scenarioNodes.find((n) => headerLine(n) > line);
  const background = feature.children.find((c) => c.background)?.background;
  const scenarios = scenarioNodes.map((node): GuideScenario => {
    const tags = [...featureTags, ...tagNames(node.tags)];
    const own = document.comments.filter((c) => (c.location.line >= firstLine || aboveFirst(c.location.line)) && ownerOf(c.location.line) === node);
    return {
      name: node.name,
      keyword: node.keyword,
      line: node.location.line,
      tags,
      cis: tagValues(tags, 'cis'),
      severity: tagValues(tags, 'severity')[0],
      exam: tags.includes('@exam'),
      established: establishedOf(tagValues(tags, 'established')[0]),
      steps: node.steps.map(guideStep),
      examples: node.examples.map((e) => ({ name: e.name, rows: [e.tableHeader, ...e.tableBody].flatMap((r) => (r ? [r.cells.map((c) => c.value)] : [])) })),
      sources: [...tagValues(tagNames(node.tags), 'source'), ...commentMatches(own, SOURCE_COMMENT)],
      dated: [...commentMatches(own, OUTDATED_COMMENT).map((claim) => `Outdated: ${claim}`), ...datedSentences(node.description)],
      pickleNames: pickles.filter((p) => p.astNodeIds[0] === node.id).map((p) => p.name),
    };
  });
  return {
    uri,
    name: feature.name,
    domain: domainOf(featureTags, uri),
    narrative: feature.description.replace(/^[ \t]+/gm, '').trim(),
    tags: featureTags,
    exam: featureTags.includes('@exam'),
    background: background ? background.steps.map(guideStep) : [],
    sources: [...tagValues(featureTags, 'source'), ...commentMatches(headerComments, SOURCE_COMMENT)],
    dated: [...commentMatches(headerComments, OUTDATED_COMMENT).map((claim) => `Outdated: ${claim}`), ...datedSentences(feature.description)],
    scenarios,
  };
}

/**
 * Every feature under `dir`, grouped by domain (from `@domain:` tags, else the folder). A file Gherkin
 * cannot parse is left out and described in `errors` (when given), so one broken file does not hide the rest.
 */
export function readGuide(dir: string, root = process.cwd(), errors: string[] = []): GuideDomain[] {
  const features = featureFiles(dir).flatMap((path) => {
    const uri = relative(root, path).replace(/\\/g, '/');
    try {
      const feature = parseFeature(readFileSync(path, 'utf8'), uri);
      return feature ? [feature] : [];
    } catch (error) {
      errors.push(`${uri}: ${(error as Error).message.replace(/^Parser errors:\s*/, '').split('\n')[0]}`);
      return [];
    }
  });
  const domains = new Map<string, GuideFeature[]>();
  for (const feature of features) domains.set(feature.domain, [...(domains.get(feature.domain) ?? []), feature]);
  return [...domains.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({ name, features: list }));
}

/** Sentences of a narrative that carry a date or call an older claim outdated. */
export function datedSentences(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  const sentences = flat.match(/[^.!?]+(?:\([^)]*\)[^.!?]*)*[.!?]*/g) ?? [flat];
  return sentences.map((s) => s.trim()).filter((s) => s && DATED_SENTENCE.test(s));
}

function guideStep(step: Step): GuideStep {
  return {
    keyword: step.keyword.trim(),
    text: step.text,
    docString: step.docString?.content,
    dataTable: step.dataTable?.rows.map((r) => r.cells.map((c) => c.value)),
  };
}

function tagNames(tags: readonly Tag[]): string[] {
  return tags.map((t) => t.name);
}

function headerLine(node: Scenario): number {
  return Math.min(node.location.line, ...node.tags.map((t) => t.location.line));
}

function lastLine(node: Scenario): number {
  const lines = [node.location.line, ...node.steps.map((s) => s.location.line), ...node.examples.flatMap((e) => [e.location.line, ...e.tableBody.map((r) => r.location.line)])];
  return Math.max(...lines);
}

function commentMatches(comments: readonly Comment[], pattern: RegExp): string[] {
  return comments.flatMap((c) => {
    const match = pattern.exec(c.text);
    return match ? [match[1].trim()] : [];
  });
}
