import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const STEPS = join(__dirname, '..', '..', 'steps');

/** A value import of an @exam estate module (a type import loads nothing; lazy.ts is the loader itself). */
const EAGER_EXAM_IMPORT = /^import\s+(?!type\b)[^;]*from\s+'\.\.\/support\/estates\/exam\/(?!lazy')[^']+';/m;

test('step files load the @exam estates only when an @exam scenario runs: an audit loads none of them', () => {
  const files = readdirSync(STEPS).filter((name) => name.endsWith('.steps.ts'));
  assert.ok(files.length >= 5, `step files: ${files.join(', ')}`);
  const eager = files.filter((name) => EAGER_EXAM_IMPORT.test(readFileSync(join(STEPS, name), 'utf8')));
  assert.deepEqual(eager, [], 'these import an @exam estate at load time; use loadedOnFirstUse (support/estates/exam/lazy.ts)');
});

test('the check sees an eager import and lets type imports and the loader through', () => {
  assert.equal(EAGER_EXAM_IMPORT.test("import { connect, type NetworkExamScene } from '../support/estates/exam/network';"), true);
  assert.equal(EAGER_EXAM_IMPORT.test("import type { NetworkExamScene } from '../support/estates/exam/network';"), false);
  assert.equal(EAGER_EXAM_IMPORT.test("import { loadedOnFirstUse } from '../support/estates/exam/lazy';"), false);
});
