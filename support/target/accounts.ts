import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** One AWS account as the suite reaches it: its id and the credentials that act in it. */
export interface AccountAccess {
  accountId: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Stable key for client caching; never contains a secret. */
  credentialKey: string;
}

/** moto's default account, reached with any static key pair. Obviously fake keys on purpose. */
export const EMULATOR_DEFAULT_ACCOUNT = '123456789012';
export const EMULATOR_BASE_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The role an Organization creates in every member account; also how the emulator separates accounts. */
export const DEFAULT_MEMBER_ROLE = 'OrganizationAccountAccessRole';

export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}
