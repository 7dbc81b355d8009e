import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact, redactText, REDACTED } from '../../support/report/redact';

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
