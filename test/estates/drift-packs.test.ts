import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { atHandle, breaks, named, type Drift } from '../../support/estates/estate';
import { decideOutcome, scenarioVerdict, type OutcomeRecord } from '../../support/outcome/outcome';
import { notVerified, verdictFrom, type RuleResult } from '../../support/rules/types';
import type { CucumberOutcome, ScenarioOutcome } from '../../support/run/run-cucumber';
import { packDrifts, packProblems, undeclaredReads } from '../helpers/drift-packs';

const drift = (name: string, domain: string, ...claims: Drift['breaks']): Drift => ({ name, domain, description: '', breaks: claims, apply: async () => {} });
const scenario = (control: string, result: RuleResult, title = control): ScenarioOutcome => {
  const outcome = decideOutcome(result, []);
  const record: OutcomeRecord = { control: { id: control, title, domain: 'x', severity: 'high', rationale: '', remediation: '' }, scenario: title, account: '1', regions: [], target: 'emulator', outcome, findings: result.findings, waived: [], unread: result.unread, examined: 1, details: null };
  const status = outcome.kind === 'non-compliant' || outcome.kind === 'not-verified' ? 'failed' : 'passed';
  return { name: title, uri: 'features/x.feature', tags: [], status, records: [record], verdict: scenarioVerdict(status, [record]) };
};
const finding = (resource: string) => verdictFrom({ findings: [{ resource, account: '1', region: 'us-east-1', problem: 'p' }], checked: 1 });
const ok = verdictFrom({ findings: [], checked: 1 });
const run = (...scenarios: ScenarioOutcome[]): CucumberOutcome => ({ success: true, scenarios, hookErrors: [] });
const HANDLES = new Map([['s3.dataBucket', 'posture-data-1']]);

describe('a drift pack is judged claim by claim', () => {
  const pack = [drift('s3-public', 's3', breaks('s3.policy', atHandle('s3.dataBucket'))), drift('iam-weak', 'iam', breaks('iam.length', named('length is 8')))];
  const cases: [string, CucumberOutcome, RegExp | null][] = [
    ['each claim non-compliant naming its resource', run(scenario('s3.policy', finding('arn:aws:s3:::posture-data-1')), scenario('iam.length', verdictFrom({ findings: [{ resource: 'arn:aws:iam::1:root', account: '1', region: 'global', problem: 'minimum password length is 8' }], checked: 1 })), scenario('s3.other', ok)), null],
    ['an unclaimed failure', run(scenario('s3.policy', finding('arn:aws:s3:::posture-data-1')), scenario('iam.length', finding('x length is 8')), scenario('s3.other', finding('arn:aws:s3:::posture-data-1'))), /unclaimed non-compliant: s3\.other/],
    ['a claim that is only not verified', run(scenario('s3.policy', notVerified('GetBucketPolicy: AccessDenied')), scenario('iam.length', finding('length is 8'))), /s3-public → s3\.policy: expected NON-COMPLIANT, got not-verified/],
    ['a claim naming another resource', run(scenario('s3.policy', finding('arn:aws:s3:::posture-logs-1')), scenario('iam.length', finding('length is 8'))), /no finding names posture-data-1/],
    ['a claim that holds', run(scenario('s3.policy', ok), scenario('iam.length', finding('length is 8'))), /expected NON-COMPLIANT, got compliant/],
    ['a claimed control nobody evaluated', run(scenario('iam.length', finding('length is 8'))), /no scenario evaluated this control/],
    ['a claimed control that also names another resource', run(scenario('s3.policy', verdictFrom({ findings: [{ resource: 'arn:aws:s3:::posture-data-1', account: '1', region: 'us-east-1', problem: 'p' }, { resource: 'arn:aws:s3:::posture-logs-1', account: '1', region: 'us-east-1', problem: 'p' }], checked: 2 })), scenario('iam.length', finding('length is 8'))), /1 finding\(s\) no drift of the pack claims, e\.g\. arn:aws:s3:::posture-logs-1/],
  ];
  for (const [name, outcome, problem] of cases) {
    test(name, () => {
      const problems = packProblems(pack, outcome, HANDLES);
      if (problem) assert.ok(problems.some((p) => problem.test(p)), problems.join('\n'));
      else assert.deepEqual(problems, []);
    });
  }

  test('packs hold one drift per domain and never two claims on one control', () => {
    const packs = packDrifts([
      drift('a', 's3', breaks('s3.policy', named('x'))),
      drift('b', 's3', breaks('s3.acl', named('x'))),
      drift('c', 'logging', breaks('s3.policy', named('y'))),
      drift('d', 'iam', breaks('iam.length', named('z'))),
    ]);
    assert.deepEqual(packs.map((p) => p.map((d) => d.name)), [['a', 'd'], ['b', 'c']]);
  });

  const touching = (name: string, control: string, extra: Partial<Drift>): Drift => ({ ...drift(name, 'logging', breaks(control, atHandle('trail'))), ...extra });
  const together: [string, Drift, Drift, boolean][] = [
    ['same resource named by both, changes unstated', drift('a', 's3', breaks('s3.policy', atHandle('bucket'))), drift('b', 'iam', breaks('s3.acl', atHandle('bucket'))), false],
    ['different attributes of one resource', touching('a', 'x.validation', { touches: ['trailName#validation'] }), touching('b', 'x.kms', { touches: ['trailName#kms'] }), true],
    ['the same attribute', touching('a', 'x.events-w', { touches: ['trailName#events'] }), touching('b', 'x.events-r', { touches: ['trailName#events'] }), false],
    ['a whole-resource change and an attribute change', touching('a', 'x.one', { touches: ['trailName'] }), touching('b', 'x.two', { touches: ['trailName#kms'] }), false],
    ['a read of what the other changes', touching('a', 'x.one', { touches: ['vpc'] }), touching('b', 'x.two', { touches: ['sg'], uses: ['vpc'] }), false],
    ['reads of one resource, changes elsewhere', touching('a', 'x.one', { touches: ['sg1'], uses: ['vpc'] }), touching('b', 'x.two', { touches: ['sg2'], uses: ['vpc'] }), true],
    ['an attribute change beside a plain read of the resource', touching('a', 'x.one', { touches: ['trailName#kms'] }), touching('b', 'x.two', { touches: ['key'], uses: ['trailName'] }), true],
  ];
  for (const [name, a, b, shared] of together) {
    test(`packing: ${name} → ${shared ? 'one account' : 'two accounts'}`, () => {
      assert.equal(packDrifts([a, b]).length, shared ? 1 : 2);
    });
  }

  test('a drift that reads a handle it does not declare is named', () => {
    const a = touching('a', 'x.one', { touches: ['trailName#kms'], uses: ['vpc'] });
    const reads = new Map([['a', new Set(['trailName', 'vpc', 'subnet'])]]);
    assert.deepEqual(undeclaredReads([a], reads), ['a reads handle subnet: declare it in touches or uses']);
  });
});
