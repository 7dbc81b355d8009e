import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { loadPostureConfig } from '../../support/config/load';

/** The self-tests audit with the shipped config, only its regions pinned: a key added to one file must reach the other. */
test('the pinned test config is the shipped config with two regions', () => {
  const shipped = loadPostureConfig(resolve(__dirname, '../../posture.config.yaml'));
  const pinned = loadPostureConfig(resolve(__dirname, '../fixtures/posture.pinned.yaml'));
  assert.deepEqual(pinned.regions, ['us-east-1', 'eu-west-1']);
  assert.deepEqual({ ...pinned, regions: undefined }, { ...shipped, regions: undefined });
});
