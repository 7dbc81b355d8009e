import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideOutcome, type OutcomeRecord } from '../../support/outcome/outcome';
import { buildSarif, scenarioLine, type SarifScenario } from '../../support/report/sarif';
import type { RuleMeta, Severity } from '../../support/rules/types';
import type { WaivedFinding } from '../../support/waivers/apply';

const control = (id: string, severity: Severity = 'high', cis?: string): RuleMeta => ({ id, title: `${id} title`, domain: 's3', ...(cis ? { cis } : {}), severity, rationale: 'why it matters', remediation: 'how to fix' });
/** A record as world.ts decides it. */
const evidence = (over: { control: RuleMeta; findings?: OutcomeRecord['findings']; unread?: string[]; waived?: WaivedFinding[] }): OutcomeRecord => {
  const findings = over.findings ?? [];
  const unread = over.unread ?? [];
  const waived = over.waived ?? [];
  return { control: over.control, scenario: 's', account: '111122223333', regions: ['us-east-1'], target: 'emulator', outcome: decideOutcome({ findings, unread, examined: 1 }, waived), findings, waived, unread, examined: 1, details: null };
};
const finding = (resource: string) => ({ resource, account: '111122223333', region: 'us-east-1', problem: 'public' });
const scenario = (name: string, verdict: SarifScenario['verdict'], records: OutcomeRecord[]): SarifScenario => ({ name, uri: 'features/s3/a.feature', line: 7, verdict, records });

// SARIF is plain JSON here: the test walks it like a dashboard would.
type Sarif = any;

describe('SARIF', () => {
  const sarif: Sarif = buildSarif(
    [
      scenario('two public buckets', 'non-compliant', [evidence({ control: control('s3.bpa', 'high', '2.1.4'), findings: [finding('arn:aws:s3:::a'), finding('arn:aws:s3:::b')] })]),
      scenario('compliant control', 'compliant', [evidence({ control: control('s3.encryption', 'medium') })]),
      scenario('unreadable', 'not-verified', [evidence({ control: control('iam.root-mfa', 'critical', '1.4'), unread: ['AccessDenied on GetAccountSummary'] })]),
      scenario('waived', 'waived', [evidence({ control: control('s3.http', 'medium', '2.1.1'), waived: [{ ...finding('arn:aws:s3:::site'), waiver: { control: 's3.http', resource: '*', reason: 'website', owner: 'web', expires: '2027-01-31', file: 'w.yaml' } }] })]),
      scenario('an exam scenario', 'passed', []),
    ],
    (id) => `https://cis.example/${id}`,
  );
  const run = sarif.runs[0];

  test('one rule per control that ran, with title, rationale, remediation, CIS link and severity score', () => {
    assert.deepEqual(run.tool.driver.rules.map((r: Sarif) => r.id), ['s3.bpa', 's3.encryption', 'iam.root-mfa', 's3.http']);
    const bpa = run.tool.driver.rules[0];
    assert.equal(bpa.shortDescription.text, 's3.bpa title');
    assert.equal(bpa.fullDescription.text, 'why it matters');
    assert.equal(bpa.help.text, 'how to fix');
    assert.equal(bpa.helpUri, 'https://cis.example/2.1.4');
    assert.equal(bpa.properties['security-severity'], '8.0');
    assert.ok(bpa.properties.tags.includes('CIS 2.1.4'));
    assert.equal(run.tool.driver.rules[1].helpUri, undefined);
  });

  test('one result per non-compliant resource, located at the scenario, the ARN as logical location', () => {
    const fails = run.results.filter((r: Sarif) => r.ruleId === 's3.bpa');
    assert.equal(fails.length, 2);
    assert.deepEqual(fails.map((r: Sarif) => r.locations[0].logicalLocations[0].fullyQualifiedName), ['arn:aws:s3:::a', 'arn:aws:s3:::b']);
    assert.equal(fails[0].level, 'error');
    assert.equal(fails[0].locations[0].physicalLocation.artifactLocation.uri, 'features/s3/a.feature');
    assert.equal(fails[0].locations[0].physicalLocation.region.startLine, 7);
    assert.notEqual(fails[0].partialFingerprints['postureFinding/v1'], fails[1].partialFingerprints['postureFinding/v1']);
  });

  test('a compliant control has a rule and no result; not verified is one warning; waived findings are suppressed', () => {
    assert.equal(run.results.filter((r: Sarif) => r.ruleId === 's3.encryption').length, 0);
    const open = run.results.filter((r: Sarif) => r.ruleId === 'iam.root-mfa');
    assert.equal(open.length, 1);
    assert.equal(open[0].level, 'warning');
    assert.equal(open[0].properties.verdict, 'not-verified');
    assert.match(open[0].message.text, /AccessDenied/);
    const waived = run.results.filter((r: Sarif) => r.ruleId === 's3.http');
    assert.equal(waived.length, 1);
    assert.equal(waived[0].suppressions[0].status, 'accepted');
    assert.match(waived[0].suppressions[0].justification, /website/);
  });

  test('the scenario line is found in the feature text', () => {
    const text = '@domain:s3\nFeature: x\n\n  @cis:2.1.4\n  Scenario: Every bucket denies plain HTTP\n    Then y\n';
    assert.equal(scenarioLine('f', 'Every bucket denies plain HTTP', () => text), 5);
    assert.equal(scenarioLine('f', 'missing', () => text), 1);
  });
});
