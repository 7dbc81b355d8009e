import { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { attempt } from './collected';
import { allPages, type Collector } from './collector';
import type { StorageInventory } from './types/storage';

/** Per region: RDS DescribeDBInstances and EFS DescribeFileSystems, one pagination each. */
export const storageCollector: Collector<StorageInventory> = {
  name: 'storage',
  scope: 'region',
  async collect(ctx) {
    const rds = ctx.clients.client(RDSClient, ctx.account, ctx.region);
    const efs = ctx.clients.client(EFSClient, ctx.account, ctx.region);
    const [dbInstances, fileSystems] = await Promise.all([
      attempt(`RDS DescribeDBInstances (${ctx.region})`, () =>
        allPages(paginateDescribeDBInstances({ client: rds }, {}), (p) =>
          p.DBInstances?.map((d) => ({
            id: d.DBInstanceIdentifier ?? '',
            arn: d.DBInstanceArn ?? `arn:aws:rds:${ctx.region}:${ctx.account.accountId}:db:${d.DBInstanceIdentifier ?? ''}`,
            engine: d.Engine ?? '',
            storageEncrypted: d.StorageEncrypted === true,
            autoMinorVersionUpgrade: d.AutoMinorVersionUpgrade === true,
            publiclyAccessible: d.PubliclyAccessible === true,
            multiAz: d.MultiAZ === true,
            tags: Object.fromEntries((d.TagList ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
          })),
        ),
      ),
      attempt(`EFS DescribeFileSystems (${ctx.region})`, () =>
        allPages(paginateDescribeFileSystems({ client: efs }, {}), (p) =>
          p.FileSystems?.map((f) => ({
            id: f.FileSystemId ?? '',
            arn: f.FileSystemArn ?? `arn:aws:elasticfilesystem:${ctx.region}:${ctx.account.accountId}:file-system/${f.FileSystemId ?? ''}`,
            name: f.Name ?? null,
            encrypted: f.Encrypted === true,
          })),
        ),
      ),
    ]);
    return { account: ctx.account.accountId, region: ctx.region, dbInstances, fileSystems };
  },
};
