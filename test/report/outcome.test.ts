import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ScenarioVerdict } from '../../support/outcome/outcome';
import { domainOf } from '../../support/report/tags';
import { countByDomain, summaryTable } from '../../support/report/summary';
import type { ScenarioOutcome } from '../../support/run/run-cucumber';

test('the domain comes from @domain:, else from the features/<domain>/ folder', () => {
  assert.equal(domainOf(['@domain:network', '@cis:5.2'], 'features/other/x.feature'), 'network');
  assert.equal(domainOf([], 'features/proxy/egress.feature'), 'proxy');
  assert.equal(domainOf([], 'elsewhere.feature'), 'other');
});

describe('terminal summary', () => {
  const scenario = (name: string, domain: string, verdict: ScenarioVerdict): ScenarioOutcome => ({ name, uri: `features/${domain}/a.feature`, tags: [`@domain:${domain}`], status: 'passed', records: [], verdict });
  const scenarios = [
    scenario('a', 's3', 'compliant'),
    scenario('b', 's3', 'non-compliant'),
    scenario('c', 's3', 'waived'),
    scenario('d', 'network', 'not-verified'),
    scenario('e', 'network', 'suite-error'),
    scenario('f', 'network', 'not-applicable'),
  ];

  test('counts each verdict per domain, as the records decided it', () => {
    const counts = countByDomain(scenarios);
    assert.deepEqual([...counts.keys()], ['network', 's3']);
    assert.equal(counts.get('s3')!.compliant, 1);
    assert.equal(counts.get('s3')!['non-compliant'], 1);
    assert.equal(counts.get('s3')!.waived, 1);
    assert.equal(counts.get('network')!['not-verified'], 1);
    assert.equal(counts.get('network')!['not-applicable'], 1);
    assert.equal(counts.get('network')!['suite-error'], 1);
  });

  test('prints one row per domain and a total, leaving out columns that are zero everywhere', () => {
    const lines = summaryTable(countByDomain(scenarios));
    assert.match(lines[0], /domain\s+compliant\s+non-compliant\s+not verified\s+n\/a\s+waived\s+suite errors$/);
    assert.match(lines[1], /^\s+network\s+0\s+0\s+1\s+1\s+0\s+1$/);
    assert.match(lines[2], /^\s+s3\s+1\s+1\s+0\s+0\s+1\s+0$/);
    assert.match(lines[lines.length - 1], /^\s+total\s+1\s+1\s+1\s+1\s+1\s+1$/);
  });
});
