import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyOutcome, domainOf, verdictOfMessage, type Outcome } from '../../support/report/outcome';
import { countByDomain, summaryTable } from '../../support/report/summary';
import type { ScenarioOutcome } from '../../support/run/run-cucumber';

describe('outcome of a scenario', () => {
  const cases: { status: string; message?: string; waived?: boolean; expected: Outcome }[] = [
    { status: 'passed', expected: 'passed' },
    { status: 'passed', waived: true, expected: 'waived' },
    { status: 'failed', message: 'ControlFailure: NON-COMPLIANT: x — 1 finding(s):\n  - arn', expected: 'non-compliant' },
    { status: 'broken', message: 'NON-COMPLIANT: x', expected: 'non-compliant' },
    { status: 'FAILED', message: 'ControlFailure: NOT VERIFIED: x — could not read: AccessDenied', expected: 'not-verified' },
    { status: 'failed', message: 'AssertionError [ERR_ASSERTION]: Expected 403', expected: 'suite-error' },
    { status: 'broken', message: 'TypeError: cannot read properties of undefined', expected: 'suite-error' },
    { status: 'failed', message: 'TypeError: NON-COMPLIANT: appears later\nNON-COMPLIANT:', expected: 'non-compliant' },
    { status: 'failed', message: 'Error: something NON-COMPLIANT: in the middle', expected: 'suite-error' },
    { status: 'skipped', expected: 'skipped' },
    { status: 'undefined', expected: 'suite-error' },
    { status: 'ambiguous', expected: 'suite-error' },
    { status: 'unknown', expected: 'suite-error' },
  ];
  for (const c of cases) {
    test(`${c.status}${c.waived ? ' (waived)' : ''} ${JSON.stringify((c.message ?? '').slice(0, 40))} → ${c.expected}`, () => {
      assert.equal(classifyOutcome(c.status, c.message, c.waived), c.expected);
    });
  }

  test('verdict words only count at the start of the message', () => {
    assert.equal(verdictOfMessage('WAIVED: all findings accepted'), 'waived');
    assert.equal(verdictOfMessage('the word WAIVED: later'), undefined);
    assert.equal(verdictOfMessage(undefined), undefined);
  });

  test('the domain comes from @domain:, else from the features/<domain>/ folder', () => {
    assert.equal(domainOf(['@domain:network', '@cis:5.2'], 'features/other/x.feature'), 'network');
    assert.equal(domainOf([], 'features/proxy/egress.feature'), 'proxy');
    assert.equal(domainOf([], 'elsewhere.feature'), 'other');
  });
});

describe('terminal summary', () => {
  const scenario = (name: string, domain: string, status: ScenarioOutcome['status'], message?: string): ScenarioOutcome => ({ name, uri: `features/${domain}/a.feature`, tags: [`@domain:${domain}`], status, message });
  const scenarios = [
    scenario('a', 's3', 'passed'),
    scenario('b', 's3', 'failed', 'ControlFailure: NON-COMPLIANT: b'),
    scenario('c', 's3', 'passed'),
    scenario('d', 'network', 'failed', 'ControlFailure: NOT VERIFIED: d'),
    scenario('e', 'network', 'undefined'),
    scenario('f', 'network', 'skipped'),
  ];

  test('counts each outcome per domain, waived apart from passed', () => {
    const counts = countByDomain(scenarios, new Set(['c']));
    assert.deepEqual([...counts.keys()], ['network', 's3']);
    assert.deepEqual(counts.get('s3'), { passed: 1, 'non-compliant': 1, 'not-verified': 0, waived: 1, skipped: 0, 'suite-error': 0 });
    assert.deepEqual(counts.get('network'), { passed: 0, 'non-compliant': 0, 'not-verified': 1, waived: 0, skipped: 1, 'suite-error': 1 });
  });

  test('a pass that attached a waiver note counts as waived without Allure results', () => {
    const counts = countByDomain([{ ...scenario('g', 's3', 'passed'), waived: true }, { ...scenario('h', 's3', 'failed', 'ControlFailure: NON-COMPLIANT: h'), waived: true }]);
    assert.deepEqual(counts.get('s3'), { passed: 0, 'non-compliant': 1, 'not-verified': 0, waived: 1, skipped: 0, 'suite-error': 0 });
  });

  test('prints one row per domain and a total', () => {
    const lines = summaryTable(countByDomain(scenarios, new Set(['c'])));
    assert.match(lines[0], /domain\s+passed\s+failed\s+not verified\s+waived\s+skipped\s+suite errors/);
    assert.match(lines[1], /^\s+network\s+0\s+0\s+1\s+0\s+1\s+1$/);
    assert.match(lines[2], /^\s+s3\s+1\s+1\s+0\s+1\s+0\s+0$/);
    assert.match(lines[lines.length - 1], /^\s+total\s+1\s+1\s+1\s+1\s+1\s+1$/);
  });
});
