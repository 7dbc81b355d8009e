import type { CucumberOutcome } from '../run/run-cucumber';
import type { RunContext } from '../run/run-context';

export const REPORTS_DIR = 'reports';
export const ALLURE_RESULTS = `${REPORTS_DIR}/allure-results`;
export const ALLURE_REPORT = `${REPORTS_DIR}/allure-report`;

/** After an audit: the one-screen terminal summary and where the report is. */
export async function finishReports(outcome: CucumberOutcome, runs: RunContext[]): Promise<string> {
  const count = (status: string) => outcome.scenarios.filter((s) => s.status === status).length;
  const lines = [
    '',
    `aws-posture: ${outcome.scenarios.length} scenarios on ${runs.map((r) => `${r.target.kind} account ${r.account.accountId}${r.estate ? ` (${r.estate} estate)` : ''}`).join(', ')}`,
    `  passed ${count('passed')} · failed ${count('failed')} · skipped ${count('skipped')}`,
    `  allure results: ${ALLURE_RESULTS}/  (npm run report → ${ALLURE_REPORT}/index.html)`,
    `  junit: ${REPORTS_DIR}/junit.xml · cucumber messages: ${REPORTS_DIR}/cucumber-messages.ndjson`,
  ];
  return lines.join('\n');
}
