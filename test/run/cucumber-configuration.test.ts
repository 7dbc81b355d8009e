import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { loadConfiguration } from '@cucumber/cucumber/api';
import { configurationOptions, type ConfigurationRequest } from '../../support/run/cucumber-configuration';

/** cucumber warns on stderr when paths are given besides the profile's: not this test's output. */
const QUIET = { stderr: new Writable({ write: (_chunk, _encoding, done) => done() }) };

const cases: [string, ConfigurationRequest][] = [
  ['no profile named (default)', {}],
  ['the default profile', { profiles: ['default'] }],
  ['a target profile', { profiles: ['endpoint'] }],
  ['two profiles (tags and world parameters merge)', { profiles: ['endpoint', 'live'] }],
  ['a feature path added to the profile', { profiles: ['default'], provided: { paths: ['features/s3/public-access.feature'] } }],
];

for (const [name, request] of cases) {
  test(`cucumber.js read here gives cucumber's own configuration: ${name}`, async () => {
    const own = await loadConfiguration({ profiles: request.profiles ?? ['default'], provided: request.provided ?? {} }, QUIET);
    const options = configurationOptions(request);
    assert.equal(options.file, false, 'this project is CommonJS: cucumber.js is read here');
    const ours = await loadConfiguration(options, QUIET);
    assert.deepEqual(ours.useConfiguration, own.useConfiguration);
    assert.deepEqual(ours.runConfiguration, own.runConfiguration);
  });
}

test('an unknown profile is refused in cucumber\'s words', async () => {
  await assert.rejects(loadConfiguration({ profiles: ['nope'] }, QUIET), /Requested profile "nope" doesn't exist/);
  assert.throws(() => configurationOptions({ profiles: ['nope'] }), /Requested profile "nope" doesn't exist/);
});

test('an ES-module project, or none with cucumber.js, is left to cucumber', () => {
  const esm = mkdtempSync(join(tmpdir(), 'posture-esm-'));
  writeFileSync(join(esm, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(esm, 'cucumber.js'), 'export default {};\n');
  assert.deepEqual(configurationOptions({ profiles: ['default'] }, esm), { profiles: ['default'], provided: {} });
  const bare = mkdtempSync(join(tmpdir(), 'posture-bare-'));
  assert.deepEqual(configurationOptions({}, bare), { profiles: ['default'], provided: {} });
});
