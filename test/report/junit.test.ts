import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideOutcome, scenarioVerdict, type OutcomeRecord } from '../../support/outcome/outcome';
import { junitXml } from '../../support/report/junit';
import { compliant, notApplicable, notVerified, verdictFrom, type RuleResult } from '../../support/rules/types';
import type { ScenarioOutcome } from '../../support/run/run-cucumber';

const scenario = (name: string, result: RuleResult | undefined, status = 'passed'): ScenarioOutcome => {
  const records: OutcomeRecord[] = result
    ? [{ control: { id: `x.${name}`, title: `Control ${name}`, domain: 'x', severity: 'high', rationale: '', remediation: '' }, scenario: name, account: '1', regions: [], target: 'emulator', outcome: decideOutcome(result, []), findings: result.findings, waived: [], unread: result.unread, examined: 1, ...(result.notApplicable ? { notApplicable: result.notApplicable } : {}), details: null }]
    : [];
  const kind = records[0]?.outcome.kind;
  const cucumberStatus = kind === 'non-compliant' || kind === 'not-verified' ? 'failed' : kind === 'not-applicable' ? 'skipped' : status;
  return { name, uri: 'features/x/a.feature', tags: [], status: cucumberStatus as ScenarioOutcome['status'], records, verdict: scenarioVerdict(cucumberStatus, records) };
};

describe('JUnit from the outcome records', () => {
  const text = junitXml([
    scenario('ok', compliant(2)),
    scenario('bad', verdictFrom({ findings: [{ resource: 'arn:aws:s3:::b<1>', account: '1', region: 'us-east-1', problem: 'public "x" & more' }], checked: 1 })),
    scenario('unread', notVerified('GetBucketAcl: AccessDenied')),
    scenario('none', notApplicable('no trail here')),
    scenario('crash', undefined, 'failed'),
  ]);
  const cases: [string, RegExp][] = [
    ['counts failures (non-compliant), errors (not verified, suite errors) and skips (n/a)', /<testsuite name="aws-posture" tests="5" failures="1" errors="2" skipped="1">/],
    ['a compliant control is a plain testcase', /<testcase name="ok" classname="features\/x\/a.feature"\/>/],
    ['non-compliant is a failure with the finding, escaped', /<failure type="non-compliant" message="Control bad">NON-COMPLIANT: Control bad — 1 finding\(s\):\n {2}- arn:aws:s3:::b&lt;1&gt; .*public 'x' &amp; more<\/failure>/],
    ['not verified is an error, not a failure', /<error type="not-verified" message="Control unread">NOT VERIFIED: /],
    ['not applicable is skipped with its reason', /<skipped message="not applicable: no trail here"\/>/],
    ['a failure without a record is a suite error', /<testcase name="crash"[^>]*>\n\s+<error type="suite-error"/],
  ];
  for (const [name, pattern] of cases) test(name, () => assert.match(text, pattern));
});
