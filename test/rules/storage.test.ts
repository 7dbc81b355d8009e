import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import { collected, notCollected } from '../../support/inventory/collected';
import type { DbInstanceFacts, FileSystemFacts, StorageInventory } from '../../support/inventory/types/storage';
import type { Control } from '../../support/rules/control';
import { storageControls } from '../../support/rules/storage';
import { findingsOf, verdictOf, type Verdict } from '../../support/rules/types';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const config = parsePostureConfig('regions: [us-east-1, eu-west-1]\nstorage:\n  multiAz:\n    instances: [ledger-db]\n', 'test.yaml');

const db = (id: string, overrides: Partial<DbInstanceFacts> = {}): DbInstanceFacts => ({
  id,
  arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`,
  engine: 'postgres',
  storageEncrypted: true,
  autoMinorVersionUpgrade: true,
  publiclyAccessible: false,
  multiAz: true,
  tags: { Environment: 'production' },
  ...overrides,
});
const fs = (id: string, encrypted: boolean): FileSystemFacts => ({ id, arn: `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/${id}`, name: id, encrypted });
const inventory = (overrides: Partial<StorageInventory> = {}): StorageInventory => ({ account: ACCOUNT, region: REGION, dbInstances: collected([db('orders-db')]), fileSystems: collected([fs('fs-1', true)]), ...overrides });
const DENIED = notCollected<never>('RDS DescribeDBInstances (eu-west-1): AccessDenied');
const dbs = (...list: DbInstanceFacts[]) => inventory({ dbInstances: collected(list) });

type Case = { name: string; inventory: StorageInventory; verdict: Verdict; finding?: [string, RegExp] };
const TABLES: [Control<'storage'>, Case[]][] = [
  [
    storageControls.rdsEncryption,
    [
      { name: 'encrypted instance', inventory: inventory(), verdict: 'compliant' },
      { name: 'no instances', inventory: dbs(), verdict: 'compliant' },
      { name: 'unencrypted instance', inventory: dbs(db('reports-db', { storageEncrypted: false })), verdict: 'non-compliant', finding: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:reports-db`, /StorageEncrypted is false/] },
      { name: 'instances unreadable', inventory: inventory({ dbInstances: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    storageControls.rdsAutoMinorUpgrade,
    [
      { name: 'auto minor upgrades on', inventory: inventory(), verdict: 'compliant' },
      { name: 'auto minor upgrades off', inventory: dbs(db('billing-db', { autoMinorVersionUpgrade: false })), verdict: 'non-compliant', finding: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:billing-db`, /AutoMinorVersionUpgrade is false/] },
      { name: 'instances unreadable', inventory: inventory({ dbInstances: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    storageControls.rdsNotPublic,
    [
      { name: 'private instance', inventory: inventory(), verdict: 'compliant' },
      { name: 'publicly accessible instance', inventory: dbs(db('analytics-db', { publiclyAccessible: true })), verdict: 'non-compliant', finding: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:analytics-db`, /PubliclyAccessible is true/] },
      { name: 'instances unreadable', inventory: inventory({ dbInstances: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    storageControls.rdsMultiAz,
    [
      { name: 'production instance Multi-AZ', inventory: inventory(), verdict: 'compliant' },
      { name: 'single-AZ development instance is out of scope', inventory: dbs(db('scratch-db', { multiAz: false, tags: { Environment: 'development' } })), verdict: 'compliant' },
      { name: 'single-AZ production instance', inventory: dbs(db('payments-db', { multiAz: false })), verdict: 'non-compliant', finding: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:payments-db`, /MultiAZ is false/] },
      { name: 'single-AZ instance named in storage.multiAz.instances (untagged)', inventory: dbs(db('ledger-db', { multiAz: false, tags: {} })), verdict: 'non-compliant', finding: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:ledger-db`, /MultiAZ is false/] },
      { name: 'instances unreadable', inventory: inventory({ dbInstances: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    storageControls.efsEncryption,
    [
      { name: 'encrypted file system', inventory: inventory(), verdict: 'compliant' },
      { name: 'unencrypted file system', inventory: inventory({ fileSystems: collected([fs('fs-1', true), fs('fs-2', false)]) }), verdict: 'non-compliant', finding: [`arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-2`, /Encrypted is false/] },
      { name: 'file systems unreadable', inventory: inventory({ fileSystems: notCollected('EFS DescribeFileSystems (eu-west-1): AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
];

describe('storage rules', () => {
  for (const [control, cases] of TABLES) {
    for (const c of cases) {
      test(`${control.meta.cis} ${control.meta.id}: ${c.name}`, () => {
        const result = control.evaluate(c.inventory, { account: ACCOUNT, region: REGION, config });
        assert.equal(verdictOf(result), c.verdict, JSON.stringify(result).slice(0, 800));
        if (c.finding) {
          const [resource, problem] = c.finding;
          const found = findingsOf(result).find((f) => f.resource === resource);
          assert.ok(found, `a finding for ${resource}`);
          assert.match(found.problem, problem);
        }
      });
    }
  }
});

test('storage config: Multi-AZ defaults to production-tagged instances', () => {
  const defaults = parsePostureConfig('regions: [us-east-1]\n', 'test.yaml');
  assert.deepEqual(defaults.storage.multiAz, { instances: [], tag: 'Environment=production' });
  assert.throws(() => parsePostureConfig('storage:\n  multiAz:\n    tag: production\n', 'bad.yaml'), /storage\.multiAz\.tag/);
});
