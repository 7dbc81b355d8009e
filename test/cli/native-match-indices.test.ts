import assert from 'node:assert/strict';
import { test } from 'node:test';

// The polyfill itself (an exec called on the regexp), loaded by path: the shim answers only the package's main module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const polyfill = require('regexp-match-indices/implementation') as (this: RegExp, text: string) => RegExpExecArray | null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nativeExec } = require('../../support/cli/native-match-indices') as { nativeExec: (regexp: RegExp, text: string) => RegExpExecArray | null };

/** Step expressions as cucumber-expressions builds them, and texts that match them or not. */
const CASES: [RegExp, string][] = [
  [/^every bucket has default encryption at rest$/, 'every bucket has default encryption at rest'],
  [/^the CIDR (\d+\.\d+\.\d+\.\d+\/\d+) may reach port (\d+)$/, 'the CIDR 10.0.0.0/16 may reach port 443'],
  [/^(?:an? )?account "([^"]*)"(?: in (\w+))?$/, 'account "111122223333"'],
  [/^(?:an? )?account "([^"]*)"(?: in (\w+))?$/, 'an account "111122223333" in us-east-1'],
  [/^((a)(b)?) and (?<name>c+)$/, 'ab and ccc'],
  [/^no match here$/, 'something else'],
];

test('step matching with the native d flag gives the polyfill\'s groups and indices', () => {
  for (const [regexp, text] of CASES) {
    const expected = polyfill.call(regexp, text);
    const actual = nativeExec(regexp, text);
    assert.equal(actual === null, expected === null, `${regexp}: matches alike`);
    if (!actual || !expected) continue;
    assert.deepEqual([...actual], [...expected], `${regexp}: groups`);
    assert.deepEqual([...actual.indices!], [...expected.indices!], `${regexp}: indices`);
    assert.deepEqual({ ...actual.indices!.groups }, { ...expected.indices!.groups }, `${regexp}: named indices`);
  }
});

test('a repeated group: the native indices are the last repetition\'s, as the spec says (the polyfill differs there)', () => {
  // No step expression of ours repeats a capturing group (parameter types use (?:…)); the group's value is the same either way.
  const match = nativeExec(/^((a)(b)?)+$/, 'aab');
  assert.deepEqual([...match!], ['aab', 'ab', 'a', 'b']);
  assert.deepEqual(match!.indices![1], [1, 3]);
  assert.deepEqual([...polyfill.call(/^((a)(b)?)+$/, 'aab')!], [...match!]);
});

test('cucumber-expressions is answered by the native matcher once the shim is loaded', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const matcher = require(require.resolve('regexp-match-indices', { paths: [require.resolve('@cucumber/cucumber-expressions')] }));
  assert.equal(matcher, nativeExec);
});
