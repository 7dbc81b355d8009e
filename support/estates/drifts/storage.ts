import { breaks, named, type Drift } from '../estate';
import { compliantDbInstance, createDbInstance, createFileSystem } from '../reference/storage';

const lastRegion = (regions: string[]) => regions[regions.length - 1];

export const storageDrifts: Drift[] = [
  {
    name: 'storage-rds-unencrypted',
    domain: 'storage',
    description: 'A second DB instance, "reports-db", is created without storage encryption (otherwise as CIS wants it).',
    breaks: [breaks('storage.rds-encryption', named('reports-db'))],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('reports-db', { StorageEncrypted: false }));
    },
  },
  {
    name: 'storage-rds-no-minor-upgrades',
    domain: 'storage',
    description: 'A DB instance "billing-db" in the last audited region has auto minor version upgrade off.',
    breaks: [breaks('storage.rds-auto-minor-version-upgrade', named('billing-db'))],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('billing-db', { AutoMinorVersionUpgrade: false }), lastRegion(ctx.regions));
    },
  },
  {
    name: 'storage-rds-public',
    domain: 'storage',
    description: 'A DB instance "analytics-db" is publicly accessible.',
    breaks: [breaks('storage.rds-not-public', named('analytics-db'))],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('analytics-db', { PubliclyAccessible: true }));
    },
  },
  {
    name: 'storage-rds-production-single-az',
    domain: 'storage',
    description: 'A production-tagged DB instance "payments-db" is single-AZ; a single-AZ "scratch-db" without the tag is out of scope and passes.',
    breaks: [breaks('storage.rds-multi-az', named('payments-db'))],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('payments-db', { MultiAZ: false }));
      await createDbInstance(ctx, compliantDbInstance('scratch-db', { MultiAZ: false, Tags: [{ Key: 'Environment', Value: 'development' }] }));
    },
  },
  {
    name: 'storage-efs-unencrypted',
    domain: 'storage',
    description: 'An EFS file system "team-share" is created without encryption at rest.',
    breaks: [breaks('storage.efs-encryption', named(':file-system/'))],
    async apply(ctx) {
      await createFileSystem(ctx, 'team-share', false);
    },
  },
];
