import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { carryHistory, generateAllureReport } from '../../support/report/allure-generate';
import { environmentFromResults, environmentProperties, normalizeAllureResults, outcomeOf, POSTURE_CATEGORIES, type AllureResult } from '../../support/report/allure-results';
import { readProperties } from '../../support/report/study-guide/status';

/** Allure matches a category's Java regex against the whole message; the same in JavaScript terms. */
function categoryOf(status: string, message: string): string[] {
  return POSTURE_CATEGORIES.filter((c) => c.matchedStatuses.includes(status) && new RegExp(`^(?:${c.messageRegex.replace('(?s)', '')})$`, 's').test(message)).map((c) => c.name);
}

describe('categories.json', () => {
  const cases: { status: string; message: string; expected: string[] }[] = [
    { status: 'failed', message: 'ControlFailure: NON-COMPLIANT: x — 2 finding(s):\n  - arn:aws:s3:::a\n  - arn:aws:s3:::b', expected: ['Non-compliant findings'] },
    { status: 'failed', message: 'ControlFailure: NOT VERIFIED: x — could not read: AccessDenied', expected: ['Not verified (could not read)'] },
    { status: 'passed', message: 'WAIVED: x — 1 finding(s) accepted by waivers:\n  - arn', expected: ['Waived'] },
    { status: 'broken', message: 'TypeError: undefined is not a function', expected: ['Suite errors'] },
    { status: 'unknown', message: "The test doesn't have an implementation.", expected: ['Suite errors'] },
    { status: 'broken', message: 'Error: mentions NON-COMPLIANT: later', expected: ['Suite errors'] },
    { status: 'passed', message: 'nothing to see', expected: [] },
  ];
  for (const c of cases) {
    test(`${c.status} "${c.message.split('\n')[0].slice(0, 50)}" → ${c.expected.join(', ') || 'no category'}`, () => {
      assert.deepEqual(categoryOf(c.status, c.message), c.expected);
    });
  }
});

describe('normalizing Allure results', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posture-results-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (uuid: string, result: Partial<AllureResult>) => writeFileSync(join(dir, `${uuid}-result.json`), JSON.stringify({ uuid, name: uuid, labels: [], ...result }));
  const read = (uuid: string) => JSON.parse(readFileSync(join(dir, `${uuid}-result.json`), 'utf8')) as AllureResult;

  test('control failures become failed, suite errors broken, waived passes get their note; a second pass changes nothing', () => {
    write('nc', { status: 'broken', statusDetails: { message: 'ControlFailure: NON-COMPLIANT: x' } });
    write('nv', { status: 'broken', statusDetails: { message: 'ControlFailure: NOT VERIFIED: x' } });
    write('undef', { status: 'passed', statusDetails: { message: "The test doesn't have an implementation." }, steps: [{ name: 'Then x' }] });
    write('exam', { status: 'failed', statusDetails: { message: 'AssertionError [ERR_ASSERTION]: 200 !== 403' } });
    writeFileSync(join(dir, 'note-attachment.txt'), 'WAIVED: Every bucket denies plain HTTP — 1 finding(s) accepted by waivers');
    write('waived', { status: 'passed', labels: [{ name: 'tag', value: 'waived' }], steps: [{ name: 'Then y', status: 'passed', attachments: [{ name: 'waived.txt', source: 'note-attachment.txt' }] }] });
    write('ok', { status: 'passed', steps: [{ name: 'Then z', status: 'passed' }] });
    assert.equal(normalizeAllureResults(dir), 5);
    assert.equal(read('nc').status, 'failed');
    assert.equal(read('nv').status, 'failed');
    assert.equal(read('undef').status, 'broken');
    assert.equal(read('exam').status, 'broken');
    assert.equal(read('waived').status, 'passed');
    assert.match(read('waived').statusDetails?.message ?? '', /^WAIVED: Every bucket denies plain HTTP/);
    assert.equal(outcomeOf(read('waived')), 'waived');
    assert.equal(outcomeOf(read('ok')), 'passed');
    assert.equal(normalizeAllureResults(dir), 0);
  });
});

describe('environment.properties', () => {
  test('escapes keys and values and reads back', () => {
    const text = environmentProperties({ Target: 'emulator (http://127.0.0.1:5000)', 'Odd key': 'a\\b', Emulator: 'moto 5.2.1' });
    assert.match(text, /^Target=emulator \(http:\/\/127\.0\.0\.1:5000\)$/m);
    assert.match(text, /^Odd\\ key=a\\\\b$/m);
    const dir = mkdtempSync(join(tmpdir(), 'posture-env-'));
    writeFileSync(join(dir, 'environment.properties'), text);
    assert.deepEqual(readProperties(join(dir, 'environment.properties')), { Target: 'emulator (http://127.0.0.1:5000)', 'Odd key': 'a\\b', Emulator: 'moto 5.2.1' });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('history across reports', () => {
  test("the previous report's history/ is copied into the results; none on the first report", () => {
    const root = mkdtempSync(join(tmpdir(), 'posture-history-'));
    const results = join(root, 'results');
    const report = join(root, 'report');
    mkdirSync(results);
    assert.equal(carryHistory(report, results), false);
    mkdirSync(join(report, 'history'), { recursive: true });
    writeFileSync(join(report, 'history', 'history-trend.json'), '[{"data":{"passed":1}}]');
    assert.equal(carryHistory(report, results), true);
    assert.equal(readFileSync(join(results, 'history', 'history-trend.json'), 'utf8'), '[{"data":{"passed":1}}]');
    rmSync(root, { recursive: true, force: true });
  });
});

describe('npm run report without results', () => {
  test('says what to run first instead of calling Allure', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'posture-empty-'));
    await assert.rejects(generateAllureReport({ results: empty, output: join(empty, 'report') }), /no Allure results \(run `npm run audit`/);
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('environment from the results alone', () => {
  test('accounts and regions from the parameters (the exam sandbox left out), time from the results', () => {
    const result = (start: number, parameters: { name: string; value: string }[]): AllureResult => ({ uuid: String(start), name: 'x', labels: [], parameters, start, stop: start + 1000 });
    const environment = environmentFromResults(
      [
        result(Date.UTC(2026, 10, 23, 17), [{ name: 'Account', value: '111122223333' }, { name: 'Regions', value: 'us-east-1, eu-west-1' }]),
        result(Date.UTC(2026, 10, 23, 18), [{ name: 'Account', value: 'exam sandbox (scratch emulated account)' }]),
      ],
      'aws-posture 0.1.0',
    );
    assert.equal(environment.Accounts, '111122223333');
    assert.equal(environment.Regions, 'us-east-1, eu-west-1');
    assert.equal(environment.Started, '2026-11-23T17:00:00.000Z');
    assert.equal(environment.Finished, '2026-11-23T18:00:01.000Z');
    assert.match(environment.Target, /not recorded/);
  });
});
