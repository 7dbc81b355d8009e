import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CucumberOutcome } from '../run/run-cucumber';
import type { RunContext } from '../run/run-context';
import { writeCategories, writeEnvironment, writeExecutor } from './allure-results';
import { cisLink } from './allure-metadata';
import { runEnvironment } from './environment';
import { writeExecutiveSummary } from './executive-summary';
import { outcomesFile, writeOutcomesFile } from './outcomes-file';
import { junitXml } from './junit';
import { buildSarif, sarifScenarios } from './sarif';
import { countByDomain, summaryTable } from './summary';

export const REPORTS_DIR = 'reports';
export const ALLURE_RESULTS = `${REPORTS_DIR}/allure-results`;
export const ALLURE_REPORT = `${REPORTS_DIR}/allure-report`;
export const OUTCOMES_FILE = `${REPORTS_DIR}/outcomes.json`;

export interface ReportPaths {
  allureResults: string;
  allureReport: string;
  sarif: string;
  junit: string;
  messages: string;
  studyGuide: string;
  /** Every scenario's verdict and outcome records (read by the executive summary and the CI job summary). */
  outcomes: string;
  /** One page beside the Allure report: totals, ranked findings, not verified, waivers. */
  executiveSummary: string;
}

/** The outputs of a run writing into `dir` (reports/, or the run's staging folder inside it). */
export function reportPathsIn(dir: string): ReportPaths {
  return {
    allureResults: `${dir}/allure-results`,
    allureReport: `${dir}/allure-report`,
    sarif: `${dir}/posture.sarif`,
    junit: `${dir}/junit.xml`,
    messages: `${dir}/cucumber-messages.ndjson`,
    studyGuide: `${dir}/study-guide`,
    outcomes: `${dir}/outcomes.json`,
    executiveSummary: `${dir}/executive-summary.html`,
  };
}

export const DEFAULT_REPORT_PATHS: ReportPaths = reportPathsIn(REPORTS_DIR);

/** After an audit: the one-screen terminal summary and where the report is. */
export async function finishReports(outcome: CucumberOutcome, runs: RunContext[]): Promise<string> {
  return finishReportsIn(DEFAULT_REPORT_PATHS, outcome, runs);
}

/**
 * Complete the Allure results (environment.properties, executor.json; statuses and categories were set at
 * run time by the formatter from the outcome records), write the outcomes file, the executive summary and
 * the SARIF file, and return the summary: outcomes per domain and where each output is.
 */
/** `shown`: where the outputs will be once a staged run's folder replaces reports/ (what the summary names). */
export async function finishReportsIn(paths: ReportPaths, outcome: CucumberOutcome, runs: RunContext[], shown: ReportPaths = paths): Promise<string> {
  const hasAllure = existsSync(paths.allureResults);
  const environment = runEnvironment(runs);
  if (hasAllure) {
    if (!existsSync(`${paths.allureResults}/categories.json`)) writeCategories(paths.allureResults);
    writeEnvironment(paths.allureResults, environment);
    writeExecutor(paths.allureResults, `${environment.Target.replace(/ \(.*\)$/, '')} ${environment.Accounts}${environment.Estate ? ` (${environment.Estate})` : ''} ${environment.Finished}`);
  }
  // SARIF reads the outcome records (whatever formatters the profile has).
  const template = runs[0]?.config.report?.cisLink;
  mkdirSync(dirname(paths.sarif), { recursive: true });
  const sarif = buildSarif(sarifScenarios(outcome.scenarios), template ? (id) => cisLink(id, template).url : undefined);
  writeFileSync(paths.sarif, `${JSON.stringify(sarif, null, 2)}\n`);
  // JUnit from the records too: non-compliant = failure, not verified = error, not applicable = skipped.
  writeFileSync(paths.junit, junitXml(outcome.scenarios));
  const outcomes = outcomesFile(outcome.scenarios, describeRuns(runs), environment);
  writeOutcomesFile(paths.outcomes, outcomes);
  writeExecutiveSummary(paths.executiveSummary, outcomes);
  const lines = [
    '',
    `aws-posture: ${outcome.scenarios.length} scenarios on ${describeRuns(runs)}`,
    ...summaryTable(countByDomain(outcome.scenarios)),
    hasAllure ? `  report: npm run report → ${shown.allureReport}/index.html  (results: ${shown.allureResults}/, add -- --single-file to mail it)` : '  report: no Allure results (the allure-cucumberjs formatter is not in this profile)',
    `  executive summary: ${shown.executiveSummary} · outcomes: ${shown.outcomes}`,
    `  sarif: ${shown.sarif} · junit: ${shown.junit} · cucumber messages: ${shown.messages}`,
    `  study guide: npm run docs → ${shown.studyGuide}/index.html`,
  ];
  return lines.join('\n');
}

function describeRuns(runs: readonly RunContext[]): string {
  const described = runs.map((r) => `${r.target.kind} account ${r.account.accountId}${r.estate ? ` (${r.estate} estate)` : ''}`);
  return described.length <= 3 ? described.join(', ') : `${described.length} accounts (${described.slice(0, 2).join(', ')}, …)`;
}
