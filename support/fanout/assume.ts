import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DEFAULT_MEMBER_ROLE, type AccountAccess } from '../target/accounts';
import type { ClientFactory } from '../target/clients';
import { assumeEmulatedAccount } from '../target/emulated-accounts';
import type { TargetSpec } from '../target/target';

/** The role assumed in another account: its name and, when the trust policy requires one, the ExternalId. */
export interface MemberRole {
  name: string;
  externalId?: string;
}

export const DEFAULT_ROLE: MemberRole = { name: DEFAULT_MEMBER_ROLE };

export function roleArn(accountId: string, role: MemberRole): string {
  return `arn:aws:iam::${accountId}:role/${role.name}`;
}

/**
 * Reach another account from `base` by assuming `role` there. Live credentials are temporary and
 * refreshed by the SDK; the first call (GetCallerIdentity) proves the role can be assumed now, so an
 * account that refuses is known before any scenario runs.
 */
export async function assumeAccount(args: { target: TargetSpec; reads: ClientFactory; base: AccountAccess; accountId: string; region: string; role: MemberRole }): Promise<AccountAccess> {
  const { target, reads, base, accountId, region, role } = args;
  if (target.kind !== 'live') {
    // The emulator keeps accounts apart by the account in the assumed role's ARN.
    return assumeEmulatedAccount(reads, base, accountId, region, { name: role.name, externalId: role.externalId });
  }
  const access: AccountAccess = {
    accountId,
    credentialKey: `live:${accountId}:${role.name}`,
    credentials: fromTemporaryCredentials({
      masterCredentials: base.credentials,
      params: { RoleArn: roleArn(accountId, role), RoleSessionName: 'aws-posture-audit', ExternalId: role.externalId, DurationSeconds: 3600 },
      clientConfig: { region },
    }),
  };
  const identity = await reads.client(STSClient, access, region).send(new GetCallerIdentityCommand({}));
  if (identity.Account && identity.Account !== accountId) throw new Error(`assumed ${roleArn(accountId, role)} but STS says the caller is in ${identity.Account}`);
  return access;
}
