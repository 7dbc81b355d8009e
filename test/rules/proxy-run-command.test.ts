import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import { evaluatePermission, type PolicyJson } from '../../support/evaluators/permissions/evaluate';
import { documentAllowedPaths, PRINT_SQUID_CONF_DOCUMENT, PRINT_SQUID_CONF_DOCUMENT_FILE } from '../../support/proxy/run-command';
import { RUN_COMMAND_POLICY } from '../../support/target/policy-coverage';

/**
 * Least privilege for Run Command: whoever holds the audit role may send only the print document, only
 * to the instances carrying the proxy tag; the document prints only an allowed squid.conf path.
 */
const policyText = readFileSync(RUN_COMMAND_POLICY, 'utf8');
const policy = JSON.parse(policyText) as PolicyJson & { Statement: { Effect: string; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string[]>> }[] };
const documentText = readFileSync(PRINT_SQUID_CONF_DOCUMENT_FILE, 'utf8');
const document = JSON.parse(documentText) as {
  parameters: Record<string, { type: string; allowedValues?: string[]; allowedPattern?: string; default?: string }>;
  mainSteps: { action: string; inputs: { runCommand: string[] } }[];
};
const defaults = parsePostureConfig('regions: [us-east-1]\n', 'test.yaml').proxy;
const ROLE = 'arn:aws:iam::111122223333:role/posture-audit';
const DOCUMENT_ARN = (name: string) => `arn:aws:ssm:us-east-1:111122223333:document/${name}`;
const INSTANCE_ARN = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0proxy';

describe('Run Command policy: only the print document, only on the tagged proxy', () => {
  test('the policy never names AWS-RunShellScript (or any AWS- document), nor Resource "*"', () => {
    assert.doesNotMatch(policyText, /AWS-RunShellScript|document\/AWS-/);
    for (const statement of policy.Statement) assert.ok(!statement.Resource.includes('*'), JSON.stringify(statement));
  });
  test('every instance resource carries the ssm:resourceTag condition for the proxy tag of the default config', () => {
    const onInstances = policy.Statement.filter((s) => s.Resource.some((r) => r.includes(':instance/')));
    assert.ok(onInstances.length > 0);
    for (const statement of onInstances) {
      assert.deepEqual(statement.Condition?.StringEquals?.[`ssm:resourceTag/${defaults.instanceTag.key}`], [defaults.instanceTag.value], JSON.stringify(statement));
      assert.ok(statement.Resource.every((r) => r.includes(':instance/')), 'the tag condition would not hold for a document resource in the same statement');
    }
  });
  const cases: { name: string; resource: string; context?: Record<string, string>; decision: string }[] = [
    { name: 'the print document', resource: DOCUMENT_ARN(PRINT_SQUID_CONF_DOCUMENT), decision: 'Allowed' },
    { name: 'AWS-RunShellScript', resource: DOCUMENT_ARN('AWS-RunShellScript'), decision: 'ImplicitlyDenied' },
    { name: 'another custom document', resource: DOCUMENT_ARN('AwsPosture-Anything'), decision: 'ImplicitlyDenied' },
    { name: 'the instance with the proxy tag', resource: INSTANCE_ARN, context: { [`ssm:resourceTag/${defaults.instanceTag.key}`]: defaults.instanceTag.value }, decision: 'Allowed' },
    { name: 'an instance without the tag', resource: INSTANCE_ARN, decision: 'ImplicitlyDenied' },
    { name: 'an instance with another Role', resource: INSTANCE_ARN, context: { [`ssm:resourceTag/${defaults.instanceTag.key}`]: 'database' }, decision: 'ImplicitlyDenied' },
  ];
  for (const c of cases) {
    test(`ssm:SendCommand on ${c.name}: ${c.decision}`, () => {
      const decision = evaluatePermission({ principal: ROLE, action: 'ssm:SendCommand', resource: c.resource, context: c.context, identityPolicies: [{ name: 'audit-run-command-policy', document: policy }] });
      assert.equal(decision.decision, c.decision, decision.explanation);
    });
  }
});

describe('the print document prints only an allowed squid.conf path', () => {
  test('one parameter, path, limited by allowedValues that hold the default proxy.source path', () => {
    assert.deepEqual(Object.keys(document.parameters), ['path']);
    assert.ok(documentAllowedPaths().length > 0);
    assert.ok(documentAllowedPaths().every((p) => /^\/[A-Za-z0-9._/-]+$/.test(p) && !p.split('/').includes('..')));
    const source = defaults.source as { path?: string };
    assert.ok(source.path && documentAllowedPaths().includes(source.path), `${source.path} is not in the document's allowedValues`);
  });
  test('one step, one command: print the path, nothing else', () => {
    assert.equal(document.mainSteps.length, 1);
    assert.deepEqual(document.mainSteps[0].inputs.runCommand, ["cat -- '{{ path }}'"]);
    assert.deepEqual([...documentText.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]), ['path']);
  });
});
