import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_MEMBER_ROLE, type AccountAccess } from './accounts';
import type { ClientFactory } from './clients';
import { TargetError } from './target';

/** The emulator keeps accounts apart by the account in the assumed role's ARN. */
export async function assumeEmulatedAccount(
  clients: ClientFactory,
  base: AccountAccess,
  accountId: string,
  region: string,
  role: { name?: string; externalId?: string } = {},
): Promise<AccountAccess> {
  const sts = clients.client(STSClient, base, region);
  const roleName = role.name ?? DEFAULT_MEMBER_ROLE;
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: 'aws-posture', ExternalId: role.externalId }),
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw new TargetError(`could not assume ${roleName} in ${accountId}`);
  return {
    accountId,
    credentialKey: `emulator:${accountId}`,
    credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken },
  };
}

