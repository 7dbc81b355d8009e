import type { Drift } from '../estate';
import { compliantDbInstance, createDbInstance, createFileSystem } from '../reference/storage';

const RDS_ENCRYPTED = 'Every RDS DB instance is encrypted at rest';
const RDS_MINOR_UPGRADES = 'Every RDS DB instance upgrades minor engine versions automatically';
const RDS_PRIVATE = 'No RDS DB instance is publicly accessible';
const RDS_MULTI_AZ = 'Production RDS DB instances are Multi-AZ';
const EFS_ENCRYPTED = 'Every EFS file system is encrypted at rest';
const lastRegion = (regions: string[]) => regions[regions.length - 1];

export const storageDrifts: Drift[] = [
  {
    name: 'storage-rds-unencrypted',
    domain: 'storage',
    description: 'A second DB instance, "reports-db", is created without storage encryption (otherwise as CIS wants it).',
    breaks: [RDS_ENCRYPTED],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('reports-db', { StorageEncrypted: false }));
    },
  },
  {
    name: 'storage-rds-no-minor-upgrades',
    domain: 'storage',
    description: 'A DB instance "billing-db" in the last audited region has auto minor version upgrade off.',
    breaks: [RDS_MINOR_UPGRADES],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('billing-db', { AutoMinorVersionUpgrade: false }), lastRegion(ctx.regions));
    },
  },
  {
    name: 'storage-rds-public',
    domain: 'storage',
    description: 'A DB instance "analytics-db" is publicly accessible.',
    breaks: [RDS_PRIVATE],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('analytics-db', { PubliclyAccessible: true }));
    },
  },
  {
    name: 'storage-rds-production-single-az',
    domain: 'storage',
    description: 'A production-tagged DB instance "payments-db" is single-AZ; a single-AZ "scratch-db" without the tag is out of scope and passes.',
    breaks: [RDS_MULTI_AZ],
    async apply(ctx) {
      await createDbInstance(ctx, compliantDbInstance('payments-db', { MultiAZ: false }));
      await createDbInstance(ctx, compliantDbInstance('scratch-db', { MultiAZ: false, Tags: [{ Key: 'Environment', Value: 'development' }] }));
    },
  },
  {
    name: 'storage-efs-unencrypted',
    domain: 'storage',
    description: 'An EFS file system "team-share" is created without encryption at rest.',
    breaks: [EFS_ENCRYPTED],
    async apply(ctx) {
      await createFileSystem(ctx, 'team-share', false);
    },
  },
];
