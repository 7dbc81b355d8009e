import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import { EMULATOR_BASE_CREDENTIALS, type AccountAccess } from '../../support/target/accounts';
import { ClientFactory } from '../../support/target/clients';
import { auditedRegions, partitionOf, regionsPinned } from '../../support/target/regions';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';

const account: AccountAccess = { accountId: testAccount(950), credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };

test('regions omitted: every enabled region (DescribeRegions opt-in status), home first', async () => {
  const reads = new ClientFactory(await testEmulatorEndpoint(), 'read-only');
  try {
    const config = parsePostureConfig('s3: {}\n', 'posture.yaml');
    assert.equal(regionsPinned(config), false);
    const { regions, config: filled, source } = await auditedRegions(config, reads, account, 'eu-west-1');
    assert.equal(source, 'enabled');
    assert.equal(regions[0], 'eu-west-1');
    assert.ok(regions.includes('ap-northeast-1') && regions.includes('us-east-1'), regions.join(', '));
    assert.ok(!regions.includes('ap-east-1'), 'a region the account has not opted in to is not audited');
    assert.ok(!regions.some((r) => r.startsWith('us-gov-') || r.startsWith('cn-')), 'regions of another partition are not audited');
    assert.deepEqual(filled.regions, regions);
  } finally {
    reads.destroy();
  }
});

test('regions pinned: exactly those, no DescribeRegions', async () => {
  const config = parsePostureConfig('regions: [us-east-1, eu-west-1]\n', 'posture.yaml');
  const refused = { client: () => { throw new Error('no call expected'); } } as unknown as ClientFactory;
  const { regions, source } = await auditedRegions(config, refused, account, 'us-east-1');
  assert.deepEqual([regions, source], [['us-east-1', 'eu-west-1'], 'pinned']);
});

test('a region belongs to one partition', () => {
  const cases: [string, string][] = [['us-east-1', 'aws'], ['eu-west-1', 'aws'], ['us-gov-west-1', 'aws-us-gov'], ['cn-north-1', 'aws-cn']];
  for (const [region, partition] of cases) assert.equal(partitionOf(region), partition, region);
});
