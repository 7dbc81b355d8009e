import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { carryHistory, generateAllureReport } from '../../support/report/allure-generate';
import { environmentFromResults, environmentProperties, type AllureResult } from '../../support/report/allure-results';
import { readProperties } from '../../support/report/study-guide/status';

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
