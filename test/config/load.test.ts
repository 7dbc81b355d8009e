import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadPostureConfig, parsePostureConfig } from '../../support/config/load';

const CASES: [string, string, RegExp][] = [
  ['unknown top-level key', 'regions: [us-east-1]\nregoins: [eu-west-1]\n', /^p\.yaml: regoins: unknown key$/],
  ['unknown nested key', 'regions: [us-east-1]\ns3:\n  publicWebsiteBucket: []\n', /^p\.yaml: s3\.publicWebsiteBucket: unknown key$/],
  ['wrong value', 'regions: [us-east-1]\ns3:\n  objectAclSampleLimit: many\n', /^p\.yaml: s3\.objectAclSampleLimit: /],
  ['not a region', 'regions: [moon-base-1a]\n', /^p\.yaml: regions\[0\]: expected an AWS region/],
  ['broken YAML names the line', 'regions: [us-east-1\ns3: {}\n', /^p\.yaml(:\d+)?: not valid YAML/],
];

for (const [name, text, message] of CASES) {
  test(`config: ${name}`, () => {
    assert.throws(() => parsePostureConfig(text, 'p.yaml'), (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n    at '));
  });
}

test('config: the shipped posture.config.yaml is valid', () => {
  const config = loadPostureConfig(join(__dirname, '../../posture.config.yaml'));
  assert.deepEqual(config.regions, [], 'shipped default: regions omitted = every enabled region');
  assert.ok(loadPostureConfig(join(__dirname, '../fixtures/posture.pinned.yaml')).regions.length > 0);
});

test('config: a missing file is named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posture-'));
  assert.throws(() => loadPostureConfig(join(dir, 'nope.yaml')), /nope\.yaml: file not found/);
  writeFileSync(join(dir, 'ok.yaml'), 'regions: [eu-central-1]\n');
  assert.deepEqual(loadPostureConfig(join(dir, 'ok.yaml')).regions, ['eu-central-1']);
});

test('config: regions omitted or empty = every enabled region (resolved per account at run time)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posture-'));
  writeFileSync(join(dir, 'omitted.yaml'), 's3: {}\n');
  writeFileSync(join(dir, 'empty.yaml'), 'regions: []\n');
  assert.deepEqual(loadPostureConfig(join(dir, 'omitted.yaml')).regions, []);
  assert.deepEqual(loadPostureConfig(join(dir, 'empty.yaml')).regions, []);
});
