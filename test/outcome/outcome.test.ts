import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideOutcome, scenarioVerdict, type OutcomeKind, type OutcomeRecord, type ScenarioVerdict } from '../../support/outcome/outcome';
import { combineResults, compliant, notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta, type RuleResult } from '../../support/rules/types';
import { applyWaivers } from '../../support/waivers/apply';
import { parseWaivers, WaiverSet } from '../../support/waivers/waivers';

const META: RuleMeta = { id: 's3.bucket-policy-not-public', title: 'No bucket policy grants access to everyone', domain: 's3', severity: 'critical', cis: '2.1.9', rationale: 'r', remediation: 'm' };
const finding = (name: string, region = 'us-east-1'): Finding => ({ resource: `arn:aws:s3:::${name}`, account: '111122223333', region, problem: 'allows everyone' });
const found = (...names: string[]) => verdictFrom({ findings: names.map((n) => finding(n)), checked: names.length });
/** Waives every finding on a bucket whose name starts with "legacy-". */
const waivers = () =>
  new WaiverSet('waivers.yaml', parseWaivers(`waivers:\n  - control: s3.bucket-policy-not-public\n    resource: "arn:aws:s3:::legacy-*"\n    reason: website\n    owner: web@example.com\n    expires: "2099-01-01"\n`, 'waivers.yaml', '2026-11-30'));

/** One case: the results of each scope, combined, waived, decided. */
interface Case {
  name: string;
  scopes: RuleResult[];
  expected: OutcomeKind;
  findings?: number;
  waived?: number;
  unread?: number;
}

const CASES: Case[] = [
  { name: 'nothing wrong', scopes: [compliant(3), compliant(2)], expected: 'compliant' },
  { name: 'a finding in one scope', scopes: [compliant(3), found('data')], expected: 'non-compliant', findings: 1 },
  { name: 'findings in two scopes are concatenated', scopes: [found('a'), found('b')], expected: 'non-compliant', findings: 2 },
  { name: 'one scope unread, nothing found', scopes: [compliant(3), notVerified('eu-west-1: AccessDenied')], expected: 'not-verified', unread: 1 },
  { name: 'a finding and an unread scope: non-compliant, the unread kept', scopes: [found('data'), notVerified('GetBucketAcl: AccessDenied')], expected: 'non-compliant', findings: 1, unread: 1 },
  { name: 'every finding waived', scopes: [found('legacy-www'), compliant(2)], expected: 'waived', waived: 1 },
  { name: 'every finding waived, part unread: not verified (a waiver never reads a scope)', scopes: [found('legacy-www'), notVerified('GetBucketAcl: AccessDenied')], expected: 'not-verified', waived: 1, unread: 1 },
  { name: 'the same in one scope', scopes: [verdictFrom({ findings: [finding('legacy-www')], checked: 2, unreadable: ['GetBucketAcl customer-data: AccessDenied'] })], expected: 'not-verified', waived: 1, unread: 1 },
  { name: 'partly waived: the rest still fails', scopes: [found('legacy-www', 'data')], expected: 'non-compliant', findings: 1, waived: 1 },
  { name: 'nothing of this kind anywhere', scopes: [notApplicable('no trail'), notApplicable('no trail')], expected: 'not-applicable' },
  { name: 'not applicable in one scope, compliant in another', scopes: [notApplicable('no trail'), compliant(1)], expected: 'compliant' },
  { name: 'not applicable in one scope, unread in another', scopes: [notApplicable('no trail'), notVerified('AccessDenied')], expected: 'not-verified', unread: 1 },
  { name: 'no scope at all', scopes: [], expected: 'compliant' },
];

describe('combine, waive, decide: one outcome', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const set = waivers();
      // As withWaivers does: waivers apply per scope, before the scopes are combined.
      const applied = c.scopes.map((r) => applyWaivers(set, { meta: META }, r));
      const combined = combineResults(applied.map((a) => a.result));
      const waived = applied.flatMap((a) => a.waived);
      const outcome = decideOutcome(combined, waived);
      assert.equal(outcome.kind, c.expected, JSON.stringify({ combined, waived }));
      assert.equal(combined.findings.length, c.findings ?? 0);
      assert.equal(waived.length, c.waived ?? 0);
      assert.equal(combined.unread.length, c.unread ?? 0);
    });
  }

  test('combining is concatenation: examined adds up, order is kept', () => {
    const combined = combineResults([found('a'), compliant(4), notVerified('x'), found('b')]);
    assert.deepEqual(combined.findings.map((f) => f.resource), ['arn:aws:s3:::a', 'arn:aws:s3:::b']);
    assert.equal(combined.examined, 6);
    assert.deepEqual(combined.unread, ['x']);
  });
});

describe('a scenario verdict from its records and cucumber status', () => {
  const record = (kind: OutcomeKind): OutcomeRecord => ({ control: META, scenario: 's', account: '1', regions: [], target: 'emulator', outcome: { kind } as OutcomeRecord['outcome'], findings: [], waived: [], unread: [], examined: 0, details: null });
  const cases: [string, OutcomeKind[], ScenarioVerdict][] = [
    ['passed', ['compliant'], 'compliant'],
    ['passed', ['waived'], 'waived'],
    ['failed', ['non-compliant'], 'non-compliant'],
    ['failed', ['not-verified'], 'not-verified'],
    ['skipped', ['not-applicable'], 'not-applicable'],
    ['failed', ['compliant', 'non-compliant'], 'non-compliant'],
    ['failed', ['compliant'], 'suite-error'], // a step failed although the control held
    ['passed', ['non-compliant'], 'suite-error'],
    ['passed', [], 'passed'], // an @exam demonstration
    ['skipped', [], 'skipped'],
    ['failed', [], 'suite-error'],
    ['undefined', [], 'suite-error'],
    ['pending', [], 'suite-error'],
  ];
  for (const [status, kinds, expected] of cases) {
    test(`${status} with [${kinds.join(', ')}] → ${expected}`, () => assert.equal(scenarioVerdict(status, kinds.map(record)), expected));
  }
});
