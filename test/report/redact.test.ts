import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redact, redactError, redactText, REDACTED } from '../../support/report/redact';
import { decideOutcome, type OutcomeRecord } from '../../support/outcome/outcome';
import { NonCompliant, NotVerified, settle, waivedMessage } from '../../support/report/verdict';
import { compliant, notVerified, verdictFrom, type RuleMeta, type RuleResult } from '../../support/rules/types';
import type { WaivedFinding } from '../../support/waivers/apply';

// Built at run time so that no string shaped like a real access key id sits in the repository.
const keyId = ['AKIA', 'EXAMPLEFAKE', '00000'].join('');
const sessionKeyId = ['ASIA', 'EXAMPLEFAKE', '11111'].join('');

test('secrets and tokens are removed, key ids keep only their ends', () => {
  const out = redact({
    credentials: { accessKeyId: keyId, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'FQoGZXIvYXdzEBYaDr7YfXYz' },
    Password: 'hunter2hunter2',
    note: `key ${sessionKeyId} used yesterday`,
    nested: [{ token: 'abc123abc123' }],
    enabled: true,
  });
  const text = JSON.stringify(out);
  assert.ok(!text.includes(keyId) && !text.includes(sessionKeyId), text);
  assert.ok(!text.includes('wJalrXUtnFEMI') && !text.includes('FQoGZXIv') && !text.includes('hunter2') && !text.includes('abc123'), text);
  assert.equal((out as { Password: string }).Password, REDACTED);
  assert.match((out as { note: string }).note, /ASIA…1111 used yesterday/);
  assert.equal((out as { enabled: boolean }).enabled, true);
});

test('secrets inside free text are removed', () => {
  const text = redactText('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and x-amz-security-token: FQoGZXIvYXdzEBYaDr7YfXYz');
  assert.ok(!text.includes('wJalrXUtnFEMI') && !text.includes('FQoGZXIv'), text);
});

describe('the quick test that skips texts without a secret word lets every pattern through, in any case', () => {
  const cases: { text: string; gone: string }[] = [
    { text: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', gone: 'wJalrXUtnFEMI' },
    { text: 'Session_Token: "FQoGZXIvYXdzEBYaDr7YfXYz"', gone: 'FQoGZXIv' },
    { text: 'X-Amz-Security-Token=FQoGZXIvYXdzEBYaDr7YfXYz', gone: 'FQoGZXIv' },
    { text: `used ${keyId} today`, gone: keyId },
    { text: 'cache_peer p parent 3128 0 LOGIN=alice:hunter2hunter2', gone: 'hunter2' },
    { text: 'auth Passwd=hunter2hunter2', gone: 'hunter2' },
    { text: 'CacheMgr_Passwd hunter2hunter2 all', gone: 'hunter2' },
  ];
  for (const c of cases) test(c.text.slice(0, 30), () => assert.ok(!redactText(c.text).includes(c.gone), redactText(c.text)));
  test('a text with no secret word is returned as it is', () => assert.equal(redactText('arn:aws:s3:::bucket-1 grants READ to AllUsers'), 'arn:aws:s3:::bucket-1 grants READ to AllUsers'));
});

describe('failure messages and waiver notes are redacted (they reach cucumber output, Allure and logs)', () => {
  const meta: RuleMeta = { id: 'x.y', title: 'X', domain: 'x', severity: 'low', rationale: 'r', remediation: 'r' };
  const finding = { resource: 'arn:aws:iam::111122223333:user/alice', account: '111122223333', region: 'global', problem: `active key ${keyId}` };
  const waived: WaivedFinding[] = [{ ...finding, waiver: { control: 'x.y', resource: '*', reason: `rotating ${sessionKeyId}`, owner: 'o', expires: '2099-01-01', file: 'w.yaml' } }];
  const cases: { name: string; text: () => string }[] = [
    { name: 'NON-COMPLIANT', text: () => messageOf(() => settle(record(meta, verdictFrom({ findings: [finding], checked: 1 }), waived))) },
    { name: 'NOT VERIFIED', text: () => messageOf(() => settle(record(meta, notVerified(`AccessDenied for ${keyId} (x-amz-security-token: FQoGZXIvYXdzEBYaDr7YfXYz)`)))) },
    { name: 'WAIVED note', text: () => waivedMessage(record(meta, compliant(1), waived)) },
    { name: 'a crash (hook or rule error)', text: () => errorText(redactError(new Error(`assume failed for ${keyId}`)) as Error) },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const text = c.text();
      assert.ok(!text.includes(keyId) && !text.includes(sessionKeyId) && !text.includes('FQoGZXIv'), text);
    });
  }
});

const errorText = (error: Error) => `${error.message}\n${error.stack}`;

/** A record as world.ts builds it (unredacted here: the message itself must redact). */
function record(meta: RuleMeta, result: RuleResult, waived: WaivedFinding[] = []): OutcomeRecord {
  return { control: meta, scenario: 's', account: '111122223333', regions: [], target: 'emulator', outcome: decideOutcome(result, waived), findings: result.findings, waived, unread: result.unread, examined: result.examined, details: null };
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof NonCompliant || error instanceof NotVerified);
    return errorText(error);
  }
  assert.fail('expected a NonCompliant or NotVerified failure');
}
