import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OutcomeRecord } from '../../support/outcome/outcome';
import { paragraphsHtml } from '../../support/report/allure-description';
import { POSTURE_CATEGORIES } from '../../support/report/allure-categories';
import { applyOutcome } from '../../support/report/allure-formatter';

const META = { id: 's3.deny-insecure-transport', title: 'Every bucket denies plain HTTP', domain: 's3', severity: 'medium' as const, cis: '2.1.1', rationale: 'Plain HTTP can be read on the wire.', remediation: 'Add a Deny statement on aws:SecureTransport false.' };
const finding = { resource: 'arn:aws:s3:::open-bucket', account: '111122223333', region: 'us-east-1', problem: 'no Deny on aws:SecureTransport' };
const waiver = { control: '2.1.1', resource: '*', reason: 'legacy', owner: 'web-team', expires: '2099-12-31', file: 'waivers.yaml' };

function record(outcome: OutcomeRecord['outcome'], extra: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return { control: META, scenario: META.title, account: '111122223333', regions: ['us-east-1'], target: 'emulator', outcome, findings: [], waived: [], unread: [], examined: 3, details: null, ...extra };
}
const fresh = (message?: string) => ({ status: 'passed', statusDetails: (message ? { message } : {}) as { message?: string; trace?: string }, labels: [] as { name: string; value: string }[], description: 'A narrative line\n  that is wrapped.\n\n  Second paragraph.', steps: [] });

/** Allure matches a category's Java regex against the whole trace; the same in JavaScript terms. */
function categoriesOf(result: { status?: string; statusDetails: { trace?: string } }): string[] {
  return POSTURE_CATEGORIES.filter((c) => c.matchedStatuses.includes(result.status ?? '') && new RegExp(`^(?:${c.traceRegex.replace('(?s)', '')})$`, 's').test(result.statusDetails.trace ?? '')).map((c) => c.name);
}

describe('Allure status, message, category and description from the outcome record (at run time)', () => {
  const cases: { name: string; status: string; records: OutcomeRecord[]; message?: string; allure: string; category: string[]; shows: RegExp[] }[] = [
    { name: 'non-compliant → failed', status: 'failed', message: 'NON-COMPLIANT: x', records: [record({ kind: 'non-compliant', findings: [finding] }, { findings: [finding] })], allure: 'failed', category: ['Non-compliant findings'], shows: [/open-bucket/, /Remediation/, /aws:SecureTransport false/, /Rationale/, /CIS AWS Foundations v5\.0\.0 <strong>2\.1\.1/, /severity <strong>medium/, /Examined 3 resource/] },
    { name: 'not verified → broken', status: 'failed', message: 'NOT VERIFIED: x', records: [record({ kind: 'not-verified', unread: ['GetBucketPolicy: AccessDenied'] }, { unread: ['GetBucketPolicy: AccessDenied'] })], allure: 'broken', category: ['Not verified (could not read)'], shows: [/Could not read/, /AccessDenied/] },
    { name: 'not applicable → skipped with its reason', status: 'skipped', records: [record({ kind: 'not-applicable', why: 'no bucket in this account' }, { notApplicable: 'no bucket in this account' })], allure: 'skipped', category: ['Not applicable'], shows: [/Why not applicable/] },
    { name: 'waived → passed with the waiver shown', status: 'passed', records: [record({ kind: 'waived', waived: [{ ...finding, waiver }] }, { waived: [{ ...finding, waiver }] })], allure: 'passed', category: ['Waived'], shows: [/waived until <strong>2099-12-31/] },
    { name: 'compliant → passed, no category', status: 'passed', records: [record({ kind: 'compliant' })], allure: 'passed', category: [], shows: [/Compliant/] },
    { name: 'a step that failed although the control held → suite error, broken', status: 'failed', message: 'TypeError: x', records: [record({ kind: 'compliant' })], allure: 'broken', category: ['Suite errors'], shows: [] },
    { name: 'an undefined step → suite error, broken', status: 'undefined', records: [], allure: 'broken', category: ['Suite errors'], shows: [/Suite error/] },
    { name: 'an exam demonstration that passed → passed', status: 'passed', records: [], allure: 'passed', category: [], shows: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = fresh(c.message);
      applyOutcome(result, { records: c.records, status: c.status as 'passed', message: c.message });
      assert.equal(result.status, c.allure);
      assert.deepEqual(categoriesOf(result), c.category);
      for (const pattern of c.shows) assert.match((result as { descriptionHtml?: string }).descriptionHtml ?? '', pattern);
      assert.match((result as { descriptionHtml?: string }).descriptionHtml ?? '', /<p>A narrative line that is wrapped\.<\/p>\n<p>Second paragraph\.<\/p>/);
      if (c.allure === 'skipped') assert.equal(result.statusDetails.message, 'Not applicable: no bucket in this account');
      if (c.category.includes('Waived')) {
        assert.match(result.statusDetails.message ?? '', /^WAIVED: .*waived until 2099-12-31 by web-team/s);
        assert.ok(result.labels.some((l) => l.name === 'tag' && l.value === 'waived'));
      }
    });
  }
});

describe('narratives as paragraphs', () => {
  test('hard-wrapped lines join; blank lines split; "-" lines are list items; HTML is escaped', () => {
    assert.equal(paragraphsHtml('  one\n  two <b>\n\n  - a\n    b\n  - c\n  after'), '<p>one two &lt;b&gt;</p>\n<ul><li>a b</li><li>c</li></ul>\n<p>after</p>');
  });
});
