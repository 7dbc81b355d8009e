import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { loadPostureConfig } from '../../support/config/load';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { testEmulatorEndpoint } from '../helpers/emulator';
import { REFERENCE_CONFIG } from '../helpers/estate-audit';
import { startFaultProxy } from '../helpers/fault-proxy';

// Built at run time so that no string shaped like a real access key id sits in the repository.
const CHAIN_KEY = ['AKIA', 'POSTURECHAIN', '0001'].join('');

/** Endpoint mode signs with the standard credential chain, like every other target (an emulator accepts any key). */
test('endpoint target: requests are signed with the credential chain (here: the environment), not a fixed key', async () => {
  const keys = new Set<string>();
  const proxy = await startFaultProxy(await testEmulatorEndpoint(), (request) => {
    if (request.accessKeyId) keys.add(request.accessKeyId);
    return undefined;
  });
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, profile: process.env.AWS_PROFILE };
  process.env.AWS_ACCESS_KEY_ID = CHAIN_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = 'chain-secret-for-the-test';
  delete process.env.AWS_PROFILE;
  try {
    const config = loadPostureConfig(REFERENCE_CONFIG);
    const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint: proxy.endpoint }, config, configFile: REFERENCE_CONFIG });
    await closeRun(run);
    assert.deepEqual([...keys], [CHAIN_KEY]);
  } finally {
    for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_PROFILE', saved.profile]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await proxy.close();
  }
});
