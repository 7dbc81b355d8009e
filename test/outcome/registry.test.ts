import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { drifts } from '../../support/estates/drifts';
import { controlTagMismatch } from '../../support/outcome/registry';
import { allControlMetas, controlMeta } from '../../support/rules/registry';
import type { RuleMeta } from '../../support/rules/types';

const META: RuleMeta = { id: 's3.x', title: 'X', domain: 's3', severity: 'high', cis: '2.1.4', rationale: 'r', remediation: 'm' };

describe('a scenario carries its control identity', () => {
  const cases: [string, readonly string[], RuleMeta, boolean][] = [
    ['tags agree', ['@domain:s3', '@cis:2.1.4', '@severity:high'], META, true],
    ['another CIS id', ['@cis:2.1.1', '@severity:high'], META, false],
    ['a CIS tag the control does not have', ['@cis:2.1.4', '@severity:high'], { ...META, cis: undefined }, false],
    ['no CIS tag for a CIS control', ['@severity:high'], META, false],
    ['two CIS tags', ['@cis:2.1.4', '@cis:2.1.1', '@severity:high'], META, false],
    ['another severity', ['@cis:2.1.4', '@severity:medium'], META, false],
    ['no severity tag', ['@cis:2.1.4'], META, false],
    ['beyond CIS: no CIS tag', ['@severity:high'], { ...META, cis: undefined }, true],
  ];
  for (const [name, tags, meta, agrees] of cases) {
    test(`${name} → ${agrees ? 'agrees' : 'disagrees'}`, () => assert.equal(controlTagMismatch(meta, tags) === undefined, agrees));
  }
});

describe('the control registry', () => {
  test('every control id is unique', () => {
    const ids = allControlMetas().map((m) => m.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  test('every drift names registered controls', () => {
    const unknown = drifts.flatMap((d) => d.breaks.filter((b) => !controlMeta(b.control)).map((b) => `${d.name}: ${b.control}`));
    assert.deepEqual(unknown, []);
  });
});
