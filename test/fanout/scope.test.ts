import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadPostureConfig } from '../../support/config/load';
import { roleArn } from '../../support/fanout/assume';
import { isActive } from '../../support/fanout/members';
import { formatsForAccount } from '../../support/fanout/organization-audit';
import { joinTags, managementTagExpression, memberTagExpression, ORGANIZATION_SCOPE_TAG } from '../../support/fanout/scope';
import { memberRoleFor } from '../../support/run/open-run';
import { REFERENCE_CONFIG } from '../helpers/estate-audit';

describe('which scenarios run where', () => {
  test('members run the account-level scenarios only, never @exam', () => {
    assert.equal(memberTagExpression(), `(not @exam) and (not ${ORGANIZATION_SCOPE_TAG})`);
    assert.equal(memberTagExpression('@domain:s3'), `(@domain:s3) and (not @exam) and (not ${ORGANIZATION_SCOPE_TAG})`);
  });
  test('the management account runs everything asked for; @exam only where a sandbox exists', () => {
    assert.equal(managementTagExpression(undefined, true), undefined);
    assert.equal(managementTagExpression('@domain:s3', false), '(@domain:s3) and (not @exam)');
    assert.equal(joinTags(undefined, ' ', 'a'), '(a)');
  });
  test('the organizations features and the organization trail scenarios are tagged organization-level', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['features/organizations/organization.feature', 'features/logging/organization-trail.feature']) {
      assert.match(readFileSync(file, 'utf8').split('\n')[0], new RegExp(ORGANIZATION_SCOPE_TAG));
    }
  });
});

describe('member accounts and roles', () => {
  const active: [object, boolean][] = [
    [{ Id: '111122223333', Status: 'ACTIVE' }, true],
    [{ Id: '111122223333', Status: 'SUSPENDED' }, false],
    [{ Id: '111122223333', State: 'ACTIVE', Status: 'ACTIVE' }, true],
    [{ Id: '111122223333', State: 'PENDING_CLOSURE', Status: 'ACTIVE' }, false],
    [{ Id: '111122223333', State: 'CLOSED' }, false],
  ];
  for (const [account, expected] of active) test(`${JSON.stringify(account)} is ${expected ? '' : 'not '}audited`, () => assert.equal(isActive(account), expected));

  test('the member role: run parameter, then POSTURE_MEMBER_ROLE / POSTURE_EXTERNAL_ID, then audit.memberRole / audit.externalId', () => {
    const config = loadPostureConfig(REFERENCE_CONFIG);
    assert.deepEqual(memberRoleFor({}, {}, config), { name: 'OrganizationAccountAccessRole', externalId: undefined });
    const configured = { ...config, audit: { ...config.audit, memberRole: 'PostureAudit', externalId: 'posture-ext' } };
    assert.deepEqual(memberRoleFor({}, {}, configured), { name: 'PostureAudit', externalId: 'posture-ext' });
    assert.deepEqual(memberRoleFor({}, { POSTURE_MEMBER_ROLE: 'EnvRole', POSTURE_EXTERNAL_ID: 'env-ext' }, configured), { name: 'EnvRole', externalId: 'env-ext' });
    assert.deepEqual(memberRoleFor({ memberRole: 'ParamRole' }, { POSTURE_MEMBER_ROLE: 'EnvRole' }, configured).name, 'ParamRole');
    assert.equal(roleArn('111122223333', { name: 'PostureAudit' }), 'arn:aws:iam::111122223333:role/PostureAudit');
  });
});

describe('per-account report outputs', () => {
  const profile = {
    stdout: 'allure-cucumberjs/reporter',
    files: { 'reports/junit.xml': 'junit', 'reports/cucumber-messages.ndjson': 'message' },
    publish: false as const,
    options: { resultsDir: 'reports/allure-results' },
  };
  test('text outputs go under reports/accounts/<id>/; Allure keeps writing into the shared results directory', () => {
    assert.deepEqual(formatsForAccount(profile, '111122223333'), {
      ...profile,
      files: { 'reports/accounts/111122223333/junit.xml': 'junit', 'reports/accounts/111122223333/cucumber-messages.ndjson': 'message' },
    });
  });
  test('a text formatter on stdout would interleave across accounts: it goes to a file, Allure takes stdout', () => {
    const formats = formatsForAccount({ ...profile, stdout: 'progress', files: { 'reports/allure.txt': 'allure-cucumberjs/reporter' } }, '111122223333');
    assert.deepEqual(formats.files, { 'reports/accounts/111122223333/progress.txt': 'progress' });
    assert.equal(formats.stdout, 'allure-cucumberjs/reporter');
  });
});
