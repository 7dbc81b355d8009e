import type { ReportConfig } from '../config/sections/report';
import { domainOf, tagValues } from './tags';

/** allure-cucumberjs reads runtime messages attached with this media type. */
export const ALLURE_RUNTIME_MESSAGE = 'application/vnd.allure.message+json';

/**
 * Allure ranks blocker > critical > normal > minor > trivial and shows any other word as "normal", so
 * our four words are mapped. One vocabulary in the report: Allure's severity label only (the description
 * names the control's own word once beside the CIS id).
 */
export const ALLURE_SEVERITY: Record<string, string> = { critical: 'blocker', high: 'critical', medium: 'normal', low: 'minor' };

/** The Suites tab is the CIS view: `CIS v5.0.0 → section → id`; controls beyond CIS sit under their domain. */
export const CIS_ROOT = 'CIS v5.0.0';
export const BEYOND_CIS = 'Beyond CIS (by domain)';
export const CIS_SECTIONS: Record<string, string> = {
  '1': '1 Identity and Access Management',
  '2': '2 Storage',
  '3': '3 Logging',
  '4': '4 Monitoring',
  '5': '5 Networking',
};

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

/** parentSuite / suite / subSuite: the CIS section and id, or the domain and feature for controls beyond CIS. */
export function suiteLabels(cis: string | undefined, domain: string, feature: string | undefined, scenario: string): AllureLabel[] {
  if (!cis) return [
    { name: 'parentSuite', value: BEYOND_CIS },
    { name: 'suite', value: domain },
    { name: 'subSuite', value: feature ?? domain },
  ];
  const section = cis.split('.')[0];
  return [
    { name: 'parentSuite', value: CIS_ROOT },
    { name: 'suite', value: CIS_SECTIONS[section] ?? `${section} (section)` },
    { name: 'subSuite', value: `${cis} ${scenario}` },
  ];
}

/**
 * What the Allure report shows beside a scenario, beyond what allure-cucumberjs takes from the tags itself
 * (epic = @domain:): the story, the ranked severity, the CIS suite hierarchy and link, the owner named by
 * the posture config, and the account and regions as parameters. Outcome, findings and remediation come
 * from the outcome record (support/report/allure-formatter.ts).
 */
export function allureMetadata(facts: ScenarioFacts, report: ReportConfig): AllureMetadata {
  const domain = domainOf(facts.tags, facts.uri);
  const exam = facts.tags.includes('@exam');
  const cis = tagValues(facts.tags, 'cis');
  const labels: AllureLabel[] = [{ name: 'story', value: facts.scenario }, ...suiteLabels(cis[0], domain, facts.feature, facts.scenario)];
  for (const severity of tagValues(facts.tags, 'severity').slice(0, 1)) labels.push({ name: 'severity', value: ALLURE_SEVERITY[severity] ?? 'normal' });
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
