import type { ReportConfig } from '../config/sections/report';
import { domainOf, tagValues } from './outcome';

/** allure-cucumberjs reads runtime messages attached with this media type. */
export const ALLURE_RUNTIME_MESSAGE = 'application/vnd.allure.message+json';

/**
 * Allure ranks blocker > critical > normal > minor > trivial and shows any other word as "normal", so
 * our four words are mapped; the tag "severity: <ours>" keeps the suite's own word visible.
 */
export const ALLURE_SEVERITY: Record<string, string> = { critical: 'blocker', high: 'critical', medium: 'normal', low: 'minor' };

export interface AllureLabel {
  name: string;
  value: string;
}
export interface AllureLink {
  name?: string;
  url: string;
  type?: string;
}
export interface AllureParameter {
  name: string;
  value: string;
}
export interface AllureMetadata {
  labels: AllureLabel[];
  links: AllureLink[];
  parameters: AllureParameter[];
}

export interface ScenarioFacts {
  scenario: string;
  feature?: string;
  uri?: string;
  /** Pickle tags: the scenario's own and those inherited from its Feature. */
  tags: readonly string[];
  account: string;
  regions: readonly string[];
}

export function cisLink(id: string, template: string): AllureLink {
  const url = template.includes('{id}') ? template.replaceAll('{id}', encodeURIComponent(id)) : template;
  return { name: `CIS AWS Foundations v5.0.0 ${id}`, url, type: 'cis' };
}

/**
 * What the Allure report shows beside a scenario, beyond what allure-cucumberjs takes from the tags itself
 * (epic = @domain:, cis = @cis:): the story, the ranked severity, the CIS id as a visible tag and a link,
 * the owner named by the posture config, and the account and regions as parameters.
 */
export function allureMetadata(facts: ScenarioFacts, report: ReportConfig): AllureMetadata {
  const domain = domainOf(facts.tags, facts.uri);
  const exam = facts.tags.includes('@exam');
  const labels: AllureLabel[] = [{ name: 'story', value: facts.scenario }, { name: 'parentSuite', value: domain }];
  if (facts.feature) labels.push({ name: 'suite', value: facts.feature });
  for (const severity of tagValues(facts.tags, 'severity').slice(0, 1)) {
    labels.push({ name: 'severity', value: ALLURE_SEVERITY[severity] ?? 'normal' }, { name: 'tag', value: `severity: ${severity}` });
  }
  const cis = tagValues(facts.tags, 'cis');
  for (const id of cis) labels.push({ name: 'tag', value: `CIS ${id}` });
  const owner = report.owners[domain] ?? report.owner;
  if (owner) labels.push({ name: 'owner', value: owner });
  return {
    labels,
    links: cis.map((id) => cisLink(id, report.cisLink)),
    // @exam scenarios build their own resources in a scratch account that changes every run.
    parameters: exam
      ? [{ name: 'Account', value: 'exam sandbox (scratch emulated account)' }]
      : [
          { name: 'Account', value: facts.account },
          { name: 'Regions', value: facts.regions.join(', ') },
        ],
  };
}

export function allureRuntimeMessage(metadata: AllureMetadata): string {
  return JSON.stringify([{ type: 'metadata', data: metadata }]);
}
