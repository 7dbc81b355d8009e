import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadPostureConfig } from '../../support/config/load';
import { provisionEstate } from '../../support/estates/provision';
import { generateAllureReport } from '../../support/report/allure-generate';
import { finishReportsIn, type ReportPaths } from '../../support/report/finish';
import { readGuide } from '../../support/report/study-guide/model';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { loadWaivers } from '../../support/waivers/waivers';
import { registerRun, withRun } from '../../support/run/run-context';
import { runFeatures, type CucumberOutcome } from '../../support/run/run-cucumber';
import { writeStudyGuide } from '../../support/cli/docs';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';
import { Browser, CHROMIUM_MISSING, chromiumPath, serveDirectory, visibleText } from './chromium';

/**
 * The done-bar of the reporting issue, end to end and once (Allure needs Java, a few seconds a report):
 * audit the demo estate with the profile's formatters into a scratch reports/ directory, finish the
 * reports, generate the Allure report twice (the second continues the trend) and a single-file build,
 * then open them in headless Chromium.
 */
const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'posture-report-'));
const paths: ReportPaths = {
  allureResults: join(tmp, 'allure-results'),
  allureReport: join(tmp, 'allure-report'),
  sarif: join(tmp, 'posture.sarif'),
  junit: join(tmp, 'junit.xml'),
  messages: join(tmp, 'cucumber-messages.ndjson'),
  studyGuide: join(tmp, 'study-guide'),
  outcomes: join(tmp, 'outcomes.json'),
  executiveSummary: join(tmp, 'executive-summary.html'),
};
// The profile file is plain CommonJS: its formatOptions are the ones the audit uses.
const profile = require('../../cucumber.js').default as { formatOptions: Record<string, unknown> };

interface TestCase {
  uid: string;
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  links: { name?: string; url: string }[];
  parameters: { name: string; value: string }[];
  beforeStages?: unknown[];
  testStage?: { steps?: Step[]; attachments?: { name: string }[] };
}
interface Step {
  name: string;
  attachments?: { name: string }[];
  steps?: Step[];
}

// The compliance results: posture controls only (as `npm run audit` runs them); @exam belongs to `npm run docs`.
const SCOPE = 'not @exam';
const CONTROL_SCENARIO = 'Account-level Block Public Access has all four settings on';
const WAIVED_SCENARIO = 'Server access logs go to a different bucket';

let outcome: CucumberOutcome;
let summary: string;
let cases: TestCase[] = [];
let server: { url: string; close: () => Promise<void> } | undefined;
let browser: Browser | undefined;
/** The rendered page's visible text, once `until` holds (or the page settled). */
const render = async (url: string, until?: RegExp | ((text: string) => boolean)) => visibleText(await (browser ??= await Browser.launch()).dom(url, { until }));
const allOf = (...patterns: RegExp[]) => (text: string) => patterns.every((p) => p.test(text));
let singleFile = '';

const label = (c: TestCase, name: string) => c.labels.filter((l) => l.name === name).map((l) => l.value);
const attachmentsOf = (steps: Step[] = []): string[] => steps.flatMap((s) => [...(s.attachments ?? []).map((a) => a.name), ...attachmentsOf(s.steps)]);
const caseAttachments = (c: TestCase) => [...(c.testStage?.attachments ?? []).map((a) => a.name), ...attachmentsOf(c.testStage?.steps)];
const domainsInFeatures = () => readGuide(join(ROOT, 'features'), ROOT).filter((d) => d.features.some((f) => f.scenarios.length > 0)).map((d) => d.name);

describe('the Allure compliance report of the demo estate', { timeout: 300_000 }, () => {
  before(async () => {
    const endpoint = await testEmulatorEndpoint();
    const configFile = join(ROOT, 'test/fixtures/posture.pinned.yaml');
    const config = loadPostureConfig(configFile);
    const assembled = await assembleRun({ id: `report-${process.pid}`, target: { kind: 'endpoint', endpoint }, config, configFile, requestedAccount: testAccount(900) });
    await provisionEstate('demo', { endpoint, account: assembled.account, config: assembled.config, regions: assembled.regions });
    // One control waived outright, so the report has all its outcomes: non-compliant, not verified, waived.
    const waivers = join(tmp, 'waivers.yaml');
    writeFileSync(waivers, `waivers:\n  - control: ${WAIVED_SCENARIO}\n    resource: "*"\n    reason: report test\n    owner: report-test\n    expires: 2099-12-31\n`);
    const run = withRun(assembled, { estate: 'demo', waivers: loadWaivers(waivers) });
    registerRun(run);
    try {
      outcome = await runFeatures({
        worldParameters: { runId: run.id },
        tags: SCOPE,
        formats: {
          files: { [paths.messages]: 'message', [paths.junit]: 'junit', [join(tmp, 'allure.log')]: './support/report/allure-reporter.cjs' },
          options: { ...profile.formatOptions, resultsDir: paths.allureResults },
        },
      });
      summary = await finishReportsIn(paths, outcome, [run]);
    } finally {
      await closeRun(run);
    }
    await generateAllureReport({ results: paths.allureResults, output: paths.allureReport });
    await generateAllureReport({ results: paths.allureResults, output: paths.allureReport }); // the next audit's report
    await generateAllureReport({ results: paths.allureResults, output: join(tmp, 'single'), singleFile: true });
    singleFile = join(tmp, 'single', 'index.html');
    const dir = join(paths.allureReport, 'data', 'test-cases');
    cases = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TestCase);
    server = await serveDirectory(paths.allureReport);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('headless Chromium is installed (CI: apt-get install -y --no-install-recommends chromium)', () => {
    assert.ok(chromiumPath(), CHROMIUM_MISSING);
  });

  test('every domain of the features is an epic on the rendered Behaviors page', async () => {
    const domains = domainsInFeatures();
    const text = await render(`${server?.url}index.html#behaviors`, allOf(/Behaviors/, ...domains.map((d) => new RegExp(`\\b${d}\\b`))));
    assert.match(text, /Behaviors/, 'the Allure page did not render');
    assert.ok(domains.includes('s3'));
    for (const domain of domains) {
      assert.ok(cases.some((c) => label(c, 'epic').includes(domain)), `no test case has epic ${domain}`);
      assert.match(text, new RegExp(`\\b${domain}\\b`), `epic ${domain} not shown on the Behaviors page`);
    }
  });

  test('each domain shows severity, CIS and evidence on a rendered scenario page', async () => {
    const pages = domainsInFeatures().map((domain) => {
      const inDomain = cases.filter((c) => label(c, 'epic').includes(domain));
      const ran = inDomain.filter((c) => c.status === 'passed' || c.status === 'failed');
      const pick =
        inDomain.find((c) => c.name === CONTROL_SCENARIO) ??
        ran.find((c) => label(c, 'cis').length > 0 && caseAttachments(c).some((a) => a.endsWith('.outcome.json'))) ??
        ran[0] ??
        inDomain[0];
      return { domain, pick, ran };
    });
    const texts: string[] = [];
    for (const { pick } of pages) texts.push(pick ? await render(`${server?.url}index.html#testresult/${pick.uid}`, (text) => text.includes(pick.name) && /Severity: /.test(text) && caseAttachments(pick).every((a) => text.includes(a))) : '');
    pages.forEach(({ domain, pick, ran }, index) => {
      assert.ok(pick, `no scenario of ${domain} in the report`);
      const text = texts[index];
      assert.match(text, new RegExp(`Severity: (blocker|critical|normal|minor)`), `${domain}: no severity on "${pick.name}"`);
      for (const cis of label(pick, 'cis')) assert.ok(text.includes(`CIS AWS Foundations v5.0.0 ${cis}`), `${domain}: CIS ${cis} not shown on "${pick.name}"`);
      assert.doesNotMatch(text, /severity: (critical|high|medium|low)\b/, `${domain}: the suite's severity repeated as a tag on "${pick.name}"`);
      for (const attachment of caseAttachments(pick)) assert.ok(text.includes(attachment), `${domain}: attachment ${attachment} not shown on "${pick.name}"`);
      assert.ok(ran.length > 0, `${domain}: no scenario ran (all suite errors or skipped)`);
      assert.ok(caseAttachments(pick).length > 0, `${domain}: "${pick.name}" attached no evidence`);
    });
    // One control in detail: the S3 account-level Block Public Access scenario on the demo estate.
    const s3 = texts[pages.findIndex((p) => p.domain === 's3')];
    assert.match(s3, new RegExp(CONTROL_SCENARIO));
    assert.match(s3, /Severity: critical/, 'Allure severity (high → critical) not shown');
    assert.match(s3, /CIS AWS Foundations v5\.0\.0 2\.1\.4/, 'the CIS id and link not shown');
    assert.match(s3, new RegExp(testAccount(900)), 'the account parameter not shown');
    assert.match(s3, /s3\.account-block-public-access\.outcome\.json/, 'the outcome record attachment not shown');
    assert.match(s3, /NON-COMPLIANT/, 'the finding message not shown');
    // Shown in the description, without opening an attachment:
    for (const part of ['Findings', 'Remediation', 'Rationale', 'Evidence', 'Examined']) assert.match(s3, new RegExp(part), `${part} not shown in the description`);
  });

  test('statuses have one meaning each: failed = non-compliant, broken = not verified or suite error; every skip says why', () => {
    const byVerdict = (verdict: string) => outcome.scenarios.filter((s) => s.verdict === verdict).map((s) => s.name);
    const status = (name: string) => cases.find((c) => c.name === name)?.status;
    assert.ok(byVerdict('non-compliant').length > 0 && byVerdict('non-compliant').every((n) => status(n) === 'failed'));
    assert.ok(byVerdict('not-verified').every((n) => status(n) === 'broken'));
    assert.ok(byVerdict('not-applicable').every((n) => status(n) === 'skipped'));
    assert.deepEqual(cases.filter((c) => c.status === 'failed').map((c) => c.name).sort(), byVerdict('non-compliant').sort());
    const results = readdirSync(paths.allureResults).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(paths.allureResults, f), 'utf8')) as { name: string; status: string; statusDetails?: { message?: string }; descriptionHtml?: string });
    const silentSkips = results.filter((r) => r.status === 'skipped' && !r.statusDetails?.message).map((r) => r.name);
    assert.deepEqual(silentSkips, [], 'skipped results without a reason');
    const noRemediation = results.filter((r) => r.status === 'failed' && !/<h4>Remediation<\/h4>\n<p>\S/.test(r.descriptionHtml ?? '')).map((r) => r.name);
    assert.deepEqual(noRemediation, [], 'non-compliant results without their remediation');
    assert.ok(!outcome.scenarios.some((s) => s.tags.includes('@exam')), 'an @exam demonstration among the compliance results');
  });

  test('the Suites page is the CIS view: CIS v5.0.0 → section → id, controls beyond CIS under their domain', async () => {
    const text = await render(`${server?.url}index.html#suites`, allOf(/CIS v5\.0\.0/, /Beyond CIS/));
    assert.match(text, /CIS v5\.0\.0/);
    assert.match(text, /Beyond CIS/);
    const s3 = cases.find((c) => c.name === CONTROL_SCENARIO) as TestCase;
    assert.deepEqual([label(s3, 'parentSuite'), label(s3, 'suite'), label(s3, 'subSuite')], [['CIS v5.0.0'], ['2 Storage'], [`2.1.4 ${CONTROL_SCENARIO}`]]);
  });

  test('the executive summary renders in headless Chromium: totals, ranked findings, not verified, waivers', async () => {
    const text = await render(`file://${paths.executiveSummary}`);
    assert.match(text, /AWS posture — executive summary/);
    for (const heading of ['Totals per domain', 'Totals per severity', 'Non-compliant controls', 'Not verified', 'Waivers in force']) assert.match(text, new RegExp(heading));
    for (const domain of domainsInFeatures()) assert.match(text, new RegExp(`\\b${domain}\\b`), `domain ${domain} missing`);
    assert.match(text, /most severe first # Severity Control Domain Resources Remediation 1 critical /, 'the critical findings are not ranked first');
    assert.match(text, /high CIS 2\.1\.4 Account-level S3 Block Public Access has all four settings on/, 'a non-compliant control is missing');
    assert.match(text, /2099-12-31/, 'the waiver expiry is not shown');
    const html = readFileSync(paths.executiveSummary, 'utf8');
    assert.match(html, /@media print/);
    assert.doesNotMatch(html, /<script|<link /, 'the page must stand alone (mail, print)');
  });

  test('every scenario that ran attached its evidence as JSON', () => {
    const ran = cases.filter((c) => c.status === 'passed' || c.status === 'failed');
    assert.ok(ran.length > 0);
    const without = ran.filter((c) => !caseAttachments(c).some((a) => a.endsWith('.json'))).map((c) => `${label(c, 'epic')[0]}: ${c.name}`);
    assert.deepEqual(without, [], 'scenarios without a JSON evidence attachment');
  });

  test('no attachment or message in the results holds an access key id or a secret', () => {
    const files = readdirSync(paths.allureResults).filter((f) => f.endsWith('.json') || f.endsWith('.txt'));
    const leaks = files.filter((f) => {
      const text = readFileSync(join(paths.allureResults, f), 'utf8');
      return /\b(AKIA|ASIA)[A-Z0-9]{16}\b/.test(text) || /"(secretAccessKey|SecretAccessKey|sessionToken|SessionToken|password|Password)"\s*:\s*"(?!\[REDACTED\])[^"]+"/.test(text);
    });
    assert.ok(files.length > 0);
    assert.deepEqual(leaks, [], 'files with an unredacted key id or secret');
  });

  test('categories separate non-compliant, not verified, waived and suite errors; environment names target and versions', () => {
    const categories = JSON.parse(readFileSync(join(paths.allureResults, 'categories.json'), 'utf8')) as { name: string }[];
    assert.deepEqual(categories.map((c) => c.name), ['Non-compliant findings', 'Not verified (could not read)', 'Waived', 'Not applicable', 'Suite errors']);
    const widget = JSON.parse(readFileSync(join(paths.allureReport, 'widgets', 'categories.json'), 'utf8')) as { items: { name: string; statistic: { total: number } }[] };
    const total = (name: string) => widget.items.find((i) => i.name === name)?.statistic.total ?? 0;
    assert.ok(total('Non-compliant findings') > 0, 'the demo estate shows no non-compliant findings');
    assert.equal(total('Waived'), 1, `only "${WAIVED_SCENARIO}" is waived`);
    const waived = cases.find((c) => c.name === WAIVED_SCENARIO);
    assert.equal(waived?.status, 'passed');
    assert.ok(label(waived as TestCase, 'tag').includes('waived'), 'the waived result is marked');
    const failed = cases.filter((c) => c.status === 'failed');
    assert.ok(failed.length > 0 && failed.every((c) => cases.includes(c)));
    const environment = readFileSync(join(paths.allureResults, 'environment.properties'), 'utf8');
    for (const key of ['Target', 'Accounts', 'Regions', 'Suite', 'Emulator', 'Started', 'Finished']) assert.match(environment, new RegExp(`^${key}=.+`, 'm'), `${key} missing from environment.properties`);
    assert.match(environment, new RegExp(`Accounts=${testAccount(900)}`));
  });

  test('the second report continues the trend of the first', () => {
    const trend = JSON.parse(readFileSync(join(paths.allureReport, 'widgets', 'history-trend.json'), 'utf8')) as unknown[];
    assert.equal(trend.length, 2, 'history-trend should hold both reports');
  });

  test('the single-file report opens from file:// and lists the scenarios', async () => {
    assert.ok(existsSync(singleFile));
    // The single file embeds each data file as base64 (its uids differ from the other build's).
    const embedded = [...readFileSync(singleFile, 'utf8').matchAll(/d\('data\/test-cases\/([0-9a-f]+)\.json','([^']+)'\)/g)];
    const uid = embedded.find(([, , body]) => (JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as TestCase).name === 'Every bucket denies plain HTTP')?.[1];
    assert.ok(uid, 'the scenario is not embedded in the single file');
    const page = await render(`file://${singleFile}#testresult/${uid}`, allOf(/Every bucket denies plain HTTP/, /CIS AWS Foundations v5\.0\.0/));
    assert.match(page, /Every bucket denies plain HTTP/);
    assert.match(page, /CIS AWS Foundations v5\.0\.0 2\.1\.1/);
  });

  test('SARIF has one rule per control and one result per non-compliant resource', () => {
    const sarif = JSON.parse(readFileSync(paths.sarif, 'utf8'));
    const rules: { id: string }[] = sarif.runs[0].tool.driver.rules;
    const results: { ruleId: string; kind: string; locations: { logicalLocations?: { fullyQualifiedName: string }[] }[] }[] = sarif.runs[0].results;
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'duplicate rules');
    assert.ok(rules.some((r) => r.id === 's3.account-block-public-access'));
    const failing = results.filter((r) => r.kind === 'fail' && (r as { properties?: { verdict?: string } }).properties?.verdict === 'non-compliant');
    assert.ok(failing.length > 0);
    for (const result of failing) assert.ok(rules.some((r) => r.id === result.ruleId) && result.locations[0].logicalLocations?.[0].fullyQualifiedName, 'a result without its rule or resource');
    const message = outcome.scenarios.find((s) => s.name === 'Every bucket denies plain HTTP')?.message ?? '';
    const arns = message.split('\n').filter((l) => l.startsWith('  - ')).length;
    assert.equal(failing.filter((r) => r.ruleId === 's3.deny-insecure-transport').length, arns, 'one result per non-compliant resource');
    const suppressed = results.filter((r) => (r as { suppressions?: unknown[] }).suppressions?.length);
    assert.ok(suppressed.length > 0 && suppressed.every((r) => r.ruleId === 's3.access-logging'), 'waived findings are suppressed results of the waived control');
  });

  test('the terminal summary counts per domain and names the report', () => {
    assert.match(summary, /domain\s+compliant\s+non-compliant\s+not verified\s+n\/a\s+waived/);
    assert.match(summary, /^\s+s3\s+\d+\s+[1-9]\d*\s+\d+\s+\d+\s+1\b/m, 'the s3 row should count failures and the one waived control');
    assert.match(summary, /executive summary: /);
    assert.match(summary, /npm run report/);
  });

  test('the study guide reads the verdicts of the audit from its messages (exam rows wait for npm run docs)', () => {
    const written = writeStudyGuide({ features: join(ROOT, 'features'), output: paths.studyGuide, messages: [paths.messages] });
    const markdown = readFileSync(written.markdown, 'utf8');
    assert.ok(markdown.includes(`#### ${CONTROL_SCENARIO}\n\n**Status:** ✘ non-compliant on the audited account`), 'the control\'s verdict is not in the guide');
    const exams = readGuide(join(ROOT, 'features'), ROOT).flatMap((d) => d.features.flatMap((f) => f.scenarios.filter((s) => s.exam)));
    assert.equal(written.exams, exams.length);
  });
});
