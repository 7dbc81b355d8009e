import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateDBInstanceCommand, RDSClient, type CreateDBInstanceCommandInput } from '@aws-sdk/client-rds';
import { randomBytes } from 'node:crypto';
import type { EstateContext, EstatePart } from '../estate';

export const rds = (ctx: EstateContext, region = ctx.home): RDSClient => ctx.clients.client(RDSClient, ctx.account, region);
export const efs = (ctx: EstateContext, region = ctx.home): EFSClient => ctx.clients.client(EFSClient, ctx.account, region);

/** A DB instance as CIS 2.2 wants it: encrypted, auto minor upgrades, private, Multi-AZ; drifts change one field. */
export function compliantDbInstance(id: string, overrides: Partial<CreateDBInstanceCommandInput> = {}): CreateDBInstanceCommandInput {
  return {
    DBInstanceIdentifier: id,
    DBInstanceClass: 'db.t3.micro',
    Engine: 'postgres',
    AllocatedStorage: 20,
    MasterUsername: 'posture',
    // Random per instance, never written down. (ManageMasterUserPassword would be better on AWS, but moto
    // then creates a customer-managed KMS key without rotation, which CIS 3.6 would rightly flag.)
    MasterUserPassword: randomBytes(18).toString('base64url'),
    StorageEncrypted: true,
    AutoMinorVersionUpgrade: true,
    PubliclyAccessible: false,
    MultiAZ: true,
    Tags: [{ Key: 'Environment', Value: 'production' }],
    ...overrides,
  };
}

export async function createDbInstance(ctx: EstateContext, input: CreateDBInstanceCommandInput, region = ctx.home): Promise<void> {
  await rds(ctx, region).send(new CreateDBInstanceCommand(input));
}

export async function createFileSystem(ctx: EstateContext, token: string, encrypted: boolean, region = ctx.home): Promise<string> {
  return (await efs(ctx, region).send(new CreateFileSystemCommand({ CreationToken: token, Encrypted: encrypted, Tags: [{ Key: 'Name', Value: token }] }))).FileSystemId as string;
}

/** One production PostgreSQL instance and one file system, both as CIS 2.2 and 2.3 want them. */
export const storageReference: EstatePart = {
  domain: 'storage',
  async provision(ctx) {
    await createDbInstance(ctx, compliantDbInstance('orders-db'));
    await createFileSystem(ctx, 'shared-files', true);
  },
};
