import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideOutcome, type OutcomeRecord } from '../../support/outcome/outcome';
import { NonCompliant, settle, VERDICT_PREFIX, waivedMessage } from '../../support/report/verdict';
import { combineResults, compliant, notApplicable, notVerified, verdictFrom, verdictOf, type Finding, type RuleMeta, type RuleResult } from '../../support/rules/types';
import type { WaivedFinding } from '../../support/waivers/apply';
import { applyWaivers, arnPatternMatches, withWaivers } from '../../support/waivers/apply';
import { loadWaivers, parseWaivers, WaiverError, WaiverSet } from '../../support/waivers/waivers';
import { resolve } from 'node:path';

const FILE = 'waivers.yaml';
const TODAY = '2026-11-23';
const META: RuleMeta = { id: 's3.bucket-policy-not-public', title: 'No bucket policy grants access to everyone', domain: 's3', severity: 'critical', cis: '2.1.9', rationale: 'r', remediation: 'm' };
const SCENARIO = 'No bucket policy grants access to everyone';

const finding = (resource: string, account = '111122223333', region = 'global'): Finding => ({ resource, account, region, problem: 'allows everyone s3:GetObject' });
const nonCompliant = (...findings: Finding[]): RuleResult => verdictFrom({ findings, checked: 3 });
/** The record world.ts attaches, decided once from the result and the waived findings. */
const record = (result: RuleResult, waived: WaivedFinding[] = []): OutcomeRecord => ({
  control: META,
  scenario: SCENARIO,
  account: '111122223333',
  regions: ['us-east-1'],
  target: 'emulator',
  outcome: decideOutcome(result, waived),
  findings: result.findings,
  waived,
  unread: result.unread,
  examined: result.examined,
  details: null,
});

function waiversFile(...entries: string[]): string {
  return `waivers:\n${entries.join('')}`;
}
function entry(fields: Record<string, string>): string {
  const lines = Object.entries(fields).map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}\n`);
  return lines.join('');
}
const VALID = { control: '"2.1.9"', resource: '"arn:aws:s3:::legacy-site-*"', account: '"111122223333"', reason: 'Public website until the CloudFront move', owner: 'web-team@example.com', expires: '2027-03-31' };

describe('waivers file: valid, expired, malformed', () => {
  test('a valid file parses, with "*" account meaning any account', () => {
    const waivers = parseWaivers(waiversFile(entry(VALID), entry({ ...VALID, account: '"*"', control: SCENARIO })), FILE, TODAY);
    assert.equal(waivers.length, 2);
    assert.equal(waivers[0].expires, '2027-03-31');
    assert.equal(waivers[1].account, undefined);
  });

  test('the shipped example (waivers.example.yaml) is a valid waivers file', () => {
    assert.equal(loadWaivers(resolve(__dirname, '../../waivers.example.yaml'), TODAY).waivers.length, 1);
  });

  test('an empty file or an empty list means no waivers', () => {
    assert.deepEqual(parseWaivers('', FILE, TODAY), []);
    assert.deepEqual(parseWaivers('waivers: []\n', FILE, TODAY), []);
  });

  test('a waiver that expires today still holds; one that expired yesterday is an error naming file, entry and field', () => {
    assert.equal(parseWaivers(waiversFile(entry({ ...VALID, expires: TODAY })), FILE, TODAY).length, 1);
    assert.throws(() => parseWaivers(waiversFile(entry(VALID), entry({ ...VALID, expires: '2026-11-22' })), FILE, TODAY), (error: Error) => {
      assert.ok(error instanceof WaiverError);
      assert.match(error.message, /^waivers\.yaml: waivers\[1\]\.expires: expired on 2026-11-22 \(control 2\.1\.9, owner web-team@example\.com\)/);
      return true;
    });
  });

  const malformed: { name: string; text: string; message: RegExp }[] = [
    { name: 'missing reason', text: waiversFile(entry({ control: VALID.control, resource: VALID.resource, owner: VALID.owner, expires: VALID.expires })), message: /waivers\[0\]\.reason: required/ },
    { name: 'missing owner', text: waiversFile(entry({ control: VALID.control, resource: VALID.resource, reason: VALID.reason, expires: VALID.expires })), message: /waivers\[0\]\.owner: required/ },
    { name: 'missing expiry', text: waiversFile(entry({ control: VALID.control, resource: VALID.resource, reason: VALID.reason, owner: VALID.owner })), message: /waivers\[0\]\.expires: required/ },
    { name: 'not a date', text: waiversFile(entry({ ...VALID, expires: 'next-spring' })), message: /waivers\[0\]\.expires: expected a date YYYY-MM-DD/ },
    { name: 'impossible date', text: waiversFile(entry({ ...VALID, expires: '2027-02-30' })), message: /waivers\[0\]\.expires: expected a date YYYY-MM-DD/ },
    { name: 'bad account', text: waiversFile(entry({ ...VALID, account: '"12345"' })), message: /waivers\[0\]\.account: expected a 12-digit account id/ },
    { name: 'unknown field', text: waiversFile(entry({ ...VALID, approvedBy: 'someone' })), message: /waivers\[0\]: unknown field "approvedBy"/ },
    { name: 'not a list', text: 'waivers: yes\n', message: /waivers\.yaml: waivers: / },
    { name: 'unknown top-level key', text: 'exceptions: []\n', message: /waivers\.yaml: \(top level\): unknown field "exceptions"/ },
    { name: 'broken YAML', text: 'waivers:\n  - control: "2.1.9\n', message: /waivers\.yaml(:\d+)?: not valid YAML/ },
  ];
  for (const c of malformed) {
    test(`malformed (${c.name}) is an error naming the file and the field`, () => {
      assert.throws(() => parseWaivers(c.text, FILE, TODAY), (error: Error) => error instanceof WaiverError && c.message.test(error.message) && error.message.startsWith(FILE));
    });
  }
});

describe('matching findings', () => {
  const set = (fields: Partial<typeof VALID>[]) => new WaiverSet(FILE, parseWaivers(waiversFile(...fields.map((f) => entry({ ...VALID, ...f }))), FILE, TODAY));

  const patterns: [string, string, boolean][] = [
    ['arn:aws:s3:::legacy-site-*', 'arn:aws:s3:::legacy-site-www', true],
    ['arn:aws:s3:::legacy-site-*', 'arn:aws:s3:::data-bucket', false],
    ['arn:aws:s3:::legacy-site-?', 'arn:aws:s3:::legacy-site-1', true],
    ['arn:aws:s3:::legacy-site-?', 'arn:aws:s3:::legacy-site-12', false],
    ['arn:aws:s3:::a.b', 'arn:aws:s3:::axb', false],
    ['*', 'arn:aws:iam::111122223333:user/anyone', true],
  ];
  for (const [pattern, arn, expected] of patterns) {
    test(`pattern ${pattern} ${expected ? 'matches' : 'does not match'} ${arn}`, () => assert.equal(arnPatternMatches(pattern, arn), expected));
  }

  test('waived: every finding accepted → compliant result, waived findings carry the reason, owner and expiry', () => {
    const waivers = set([{}]);
    const { result, waived } = applyWaivers(waivers, { meta: META }, nonCompliant(finding('arn:aws:s3:::legacy-site-www')));
    assert.equal(verdictOf(result), 'compliant');
    assert.equal(waived.length, 1);
    assert.equal(waived[0].waiver.reason, 'Public website until the CloudFront move');
    assert.equal(waived[0].waiver.owner, 'web-team@example.com');
    assert.equal(record(result, waived).outcome.kind, 'waived');
    assert.equal(settle(record(result, waived)), undefined);
    assert.ok(waivedMessage(record(result, waived)).startsWith(VERDICT_PREFIX.waived));
    assert.match(waivedMessage(record(result, waived)), /legacy-site-www .* waived until 2027-03-31 by web-team@example\.com: Public website/);
    assert.deepEqual(waivers.stale(), []);
  });

  test('partly waived: the other findings still fail, the waived ones are listed under the failure', () => {
    const { result, waived } = applyWaivers(set([{}]), { meta: META }, nonCompliant(finding('arn:aws:s3:::legacy-site-www'), finding('arn:aws:s3:::customer-data')));
    assert.equal(verdictOf(result), 'non-compliant');
    assert.throws(() => settle(record(result, waived)), (error: Error) => {
      assert.ok(error instanceof NonCompliant);
      assert.match(error.message, /^NON-COMPLIANT: .* 1 finding\(s\):\n  - arn:aws:s3:::customer-data/);
      assert.match(error.message, /1 other finding\(s\) waived/);
      return true;
    });
  });

  const subjects: [string, Partial<typeof VALID>, boolean][] = [
    ['CIS id', { control: '"2.1.9"' }, true],
    ['control id', { control: 's3.bucket-policy-not-public' }, true],
    ['scenario name', { control: `"${SCENARIO}"` }, true],
    ['another control', { control: '"2.1.4"' }, false],
    ['another account', { account: '"999988887777"' }, false],
    ['any account', { account: '"*"' }, true],
  ];
  for (const [name, fields, matches] of subjects) {
    test(`a waiver naming ${name} ${matches ? 'applies' : 'does not apply'}`, () => {
      const waivers = set([fields]);
      const { waived } = applyWaivers(waivers, { meta: { ...META, title: 'No bucket policy is public' }, scenario: SCENARIO }, nonCompliant(finding('arn:aws:s3:::legacy-site-www')));
      assert.equal(waived.length, matches ? 1 : 0);
      assert.equal(waivers.stale().length, matches ? 0 : 1);
    });
  }

  test('stale: a waiver that matches no finding is reported, one that matched is not', () => {
    const waivers = set([{}, { resource: '"arn:aws:s3:::decommissioned-*"' }]);
    applyWaivers(waivers, { meta: META }, nonCompliant(finding('arn:aws:s3:::legacy-site-www')));
    applyWaivers(waivers, { meta: META }, compliant(2));
    assert.deepEqual(waivers.stale().map((w) => w.index), [1]);
  });

  test('waivers never turn "could not read" into a pass: per region, an unreadable region stays not verified', () => {
    const waivers = set([{}]);
    const byRegion: Record<string, RuleResult> = {
      'us-east-1': nonCompliant(finding('arn:aws:s3:::legacy-site-www', '111122223333', 'us-east-1')),
      'eu-west-1': notVerified('S3 ListBuckets: AccessDenied'),
    };
    const { control, waived } = withWaivers({ meta: META, inventory: 's3', evaluate: (_inventory: unknown, ctx: { region: string }) => byRegion[ctx.region] } as never, waivers);
    const results = ['us-east-1', 'eu-west-1'].map((region) => (control as { evaluate: (i: unknown, c: unknown) => RuleResult }).evaluate({}, { account: '111122223333', region, config: {} }));
    assert.deepEqual(results.map(verdictOf), ['compliant', 'not-verified']);
    assert.equal(waived.length, 1);
    assert.throws(() => settle(record(combineResults(results), waived)), /NOT VERIFIED: .*\n  - S3 ListBuckets: AccessDenied\n  \(1 other finding\(s\) waived\)/);
  });

  test('every finding waived but part of the scope unreadable: not verified, not a waived pass', () => {
    const result = verdictFrom({ findings: [finding('arn:aws:s3:::legacy-site-www')], checked: 2, unreadable: ['S3 GetBucketPolicy customer-data: AccessDenied'] });
    const applied = applyWaivers(set([{}]), { meta: META }, result);
    assert.equal(verdictOf(applied.result), 'not-verified');
    assert.equal(applied.waived.length, 1);
    assert.equal(record(applied.result, applied.waived).outcome.kind, 'not-verified');
    assert.throws(() => settle(record(applied.result, applied.waived)), /NOT VERIFIED: .*\n  - S3 GetBucketPolicy customer-data: AccessDenied\n  \(1 other finding\(s\) waived\)/);
  });

  test('not-verified and not-applicable results are never changed by a waiver', () => {
    const waivers = set([{ resource: '"*"' }]);
    for (const result of [notVerified('x'), notApplicable('y')]) {
      assert.deepEqual(applyWaivers(waivers, { meta: META }, result), { result, waived: [] });
    }
  });
});
