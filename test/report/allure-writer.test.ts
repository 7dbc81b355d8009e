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

test('the staged Allure writer leaves the files allure-js-commons would, byte for byte', () => {
  const root = mkdtempSync(join(tmpdir(), 'posture-allure-writer-'));
  const source = join(root, 'source.txt');
  writeFileSync(source, 'squid.conf line\n');
  const [theirs, ours] = [join(root, 'theirs'), join(root, 'ours')];
  writeAll(new FileSystemWriter({ resultsDir: theirs }), source);
  writeAll(new StagedResultsWriter(ours), source);
  const names = readdirSync(theirs).sort();
  assert.deepEqual(readdirSync(ours).sort(), names);
  assert.equal(names.length, 7);
  for (const name of names) assert.equal(readFileSync(join(ours, name), 'utf8'), readFileSync(join(theirs, name), 'utf8'), name);
});
