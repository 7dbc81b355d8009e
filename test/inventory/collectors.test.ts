import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectorModules, collectors, collectorScopes } from '../../support/inventory';
import { reportAnswers } from '../../support/inventory/iam';
import { parseCredentialReport } from '../../support/inventory/iam-credential-report';
import { collected, notCollected } from '../../support/inventory/collected';
import { collectorsFor, domainOf, stepFilesFor } from '../../support/run/selection';

describe('collectors load lazily', () => {
  test('each declared scope and name is the collector’s own', () => {
    for (const name of Object.keys(collectorModules) as (keyof typeof collectorModules)[]) {
      const real = collectorModules[name]();
      assert.equal(real.name, name);
      assert.equal(collectorScopes[name], real.scope, name);
      assert.equal(collectors[name].scope, real.scope, name);
    }
  });
});

describe('selection: the domains of the selected scenarios', () => {
  test('domain from the feature path; step files of other domains are not loaded', () => {
    assert.equal(domainOf('features/iam/root-user.feature'), 'iam');
    const paths = ['/p/support/world.ts', '/p/steps/s3.steps.ts', '/p/steps/iam.steps.ts', '/p/build/steps/network.steps.js'];
    assert.deepEqual(stepFilesFor(paths, ['iam']), ['/p/support/world.ts', '/p/steps/iam.steps.ts']);
    assert.deepEqual(collectorsFor(['iam', 'study']), ['iam']);
  });
});

describe('IAM user facts from the credential report', () => {
  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date';
  const alice = 'alice,arn:aws:iam::111122223333:user/alice,2026-01-01T00:00:00+00:00,true,N/A,2026-01-01T00:00:00+00:00,N/A,false,true,2026-02-01T00:00:00+00:00,N/A,true,2026-03-01T00:00:00+00:00,2026-03-02T00:00:00+00:00';
  const report = collected(parseCredentialReport(`${header}\n${alice}\n`));

  test('password, MFA and both keys (named by slot) come from the row', () => {
    const facts = reportAnswers(report, 'arn:aws:iam::111122223333:user/alice');
    assert.deepEqual(facts?.hasConsolePassword, collected(true));
    assert.deepEqual(facts?.mfaDevices, collected([]));
    assert.deepEqual(facts?.accessKeys, collected([
      { accessKeyId: 'access key 1', status: 'Active', createDate: '2026-02-01T00:00:00+00:00', lastUsedDate: null },
      { accessKeyId: 'access key 2', status: 'Active', createDate: '2026-03-01T00:00:00+00:00', lastUsedDate: '2026-03-02T00:00:00+00:00' },
    ]));
  });

  test('a user missing from the report, a report without the columns, or no report: read per user instead', () => {
    assert.equal(reportAnswers(report, 'arn:aws:iam::111122223333:user/bob'), undefined);
    assert.equal(reportAnswers(collected(parseCredentialReport('user,arn,mfa_active\nalice,arn:aws:iam::111122223333:user/alice,true\n')), 'arn:aws:iam::111122223333:user/alice'), undefined);
    assert.equal(reportAnswers(notCollected('GetCredentialReport: AccessDenied'), 'arn:aws:iam::111122223333:user/alice'), undefined);
  });
});
