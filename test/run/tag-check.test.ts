import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import { assertTagsSelectScenarios, TagsError } from '../../support/run/tag-check';

/** cucumber warns on stderr when paths are given besides the profile's: not this test's output. */
const QUIET = { stderr: new Writable({ write: (_chunk, _encoding, done) => done() }) };

/** What cucumber's own loadSources selects for the same expression and paths (the audit adds `not @exam`). */
async function cucumberSelects(tags: string | undefined, paths?: string[]): Promise<string[]> {
  const expression = [tags, 'not @exam'].filter(Boolean).map((t) => `(${t})`).join(' and ');
  const { runConfiguration } = await loadConfiguration({ profiles: ['default'], provided: { tags: expression, ...(paths ? { paths } : {}) } }, QUIET);
  return (await loadSources(runConfiguration.sources, QUIET)).plan.map((p) => p.uri);
}

const cases: [string, string | undefined, string[] | undefined][] = [
  ['no --tags', undefined, undefined],
  ['one domain', '@domain:s3', undefined],
  ['one CIS control', '@cis:2.1.4', undefined],
  ['a compound expression', 'not @domain:iam and @severity:high', undefined],
  ['an expression with or', '@domain:network or @domain:logging', undefined],
  ['a feature path added to the profile', '@domain:s3', ['features/s3/public-access.feature']],
];

for (const [name, tags, paths] of cases) {
  test(`the tag check selects what cucumber's loadSources selects: ${name}`, async () => {
    const expected = await cucumberSelects(tags, paths);
    assert.ok(expected.length > 0);
    assert.deepEqual(await assertTagsSelectScenarios(tags, { paths, always: 'not @exam' }), expected);
  });
}

test('the tag check refuses what selects nothing, as cucumber finds nothing', async () => {
  assert.deepEqual(await cucumberSelects('@exam'), []);
  await assert.rejects(assertTagsSelectScenarios('@exam', { always: 'not @exam' }), (error: Error) => error instanceof TagsError && /selects no scenario \(with not @exam\)/.test(error.message));
});
