import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileSystemWriter, type Writer } from 'allure-js-commons/sdk/reporter';
import { Status, type TestResult, type TestResultContainer } from 'allure-js-commons';
import { StagedResultsWriter } from '../../support/report/allure-writer';

/** The same calls through both writers: the staged one must leave the same files with the same bytes. */
function writeAll(writer: Writer, source: string): void {
  writer.writeResult({ uuid: 'r1', name: 'a scenario', status: 'passed', steps: [], attachments: [], labels: [], links: [], parameters: [] } as unknown as TestResult);
  writer.writeGroup({ uuid: 'g1', children: ['r1'], befores: [], afters: [] } as TestResultContainer);
  writer.writeAttachment('e1-attachment.json', Buffer.from('{"evidence":true}'));
  writer.writeAttachmentFromPath('e2-attachment.txt', source);
  writer.writeEnvironmentInfo({ Target: 'emulator', Empty: undefined, 'Key with=sign': 'a:b' });
  writer.writeCategoriesDefinitions([{ name: 'Not verified', matchedStatuses: [Status.BROKEN] }]);
  writer.writeGlobals('x-globals.json', { attachments: [], errors: [] });
}

test('the staged Allure writer leaves the files allure-js-commons would, byte for byte', async () => {
  const root = mkdtempSync(join(tmpdir(), 'posture-allure-writer-'));
  const source = join(root, 'source.txt');
  writeFileSync(source, 'squid.conf line\n');
  const [theirs, ours] = [join(root, 'theirs'), join(root, 'ours')];
  writeAll(new FileSystemWriter({ resultsDir: theirs }), source);
  const staged = new StagedResultsWriter(ours);
  writeAll(staged, source);
  await staged.flushed();
  const names = readdirSync(theirs).sort();
  assert.deepEqual(readdirSync(ours).sort(), names);
  assert.equal(names.length, 7);
  for (const name of names) assert.equal(readFileSync(join(ours, name), 'utf8'), readFileSync(join(theirs, name), 'utf8'), name);
});

test('a file written twice holds the second content, fixed when it was handed over', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'posture-allure-writer-')), 'results');
  const writer = new StagedResultsWriter(dir);
  const result = { uuid: 'r1', name: 'first', status: 'broken', steps: [] } as unknown as TestResult;
  for (let i = 0; i < 20; i++) writer.writeResult({ ...result, name: `write ${i}`, steps: Array.from({ length: 2000 - i * 90 }, () => ({ name: 'step' })) } as unknown as TestResult);
  result.name = 'changed after it was handed over';
  writer.writeResult(result);
  result.name = 'changed after the last write';
  await writer.flushed();
  assert.equal(JSON.parse(readFileSync(join(dir, 'r1-result.json'), 'utf8')).name, 'changed after it was handed over');
});

test('a write that fails fails the flush, after every other write ended', async () => {
  const root = mkdtempSync(join(tmpdir(), 'posture-allure-writer-'));
  const writer = new StagedResultsWriter(join(root, 'results'));
  writer.writeAttachmentFromPath('copied.txt', join(root, 'no-such-source.txt'));
  writer.writeAttachment('kept.txt', Buffer.from('kept'));
  await assert.rejects(writer.flushed(), /ENOENT/);
  assert.equal(readFileSync(join(root, 'results', 'kept.txt'), 'utf8'), 'kept');
});
