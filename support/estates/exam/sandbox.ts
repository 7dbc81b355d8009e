import { randomBytes } from 'node:crypto';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT, type AccountAccess } from '../../target/accounts';
import { ClientFactory } from '../../target/clients';
import { assumeEmulatedAccount } from '../../target/emulated-accounts';

/**
 * Where @exam scenarios build the resources that demonstrate AWS behaviour: a scratch emulated account
 * of its own, so nothing they build is ever part of the audited estate. Loopback emulators only.
 */
export interface ExamSandbox {
  endpoint: string;
  account: AccountAccess;
  region: string;
  /** Write-capable clients (the factory refuses anything but loopback). */
  clients: ClientFactory;
  /** A name no other scenario in this sandbox uses. */
  unique(prefix: string): string;
}

/** Per-scenario state of @exam scenarios. Domains add their own field with `declare module`. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ExamState {}

export async function openExamSandbox(endpoint: string, accountId: string, region: string): Promise<ExamSandbox> {
  const clients = new ClientFactory(endpoint, 'provisioning');
  const base: AccountAccess = { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };
  const account = await assumeEmulatedAccount(clients, base, accountId, region);
  let counter = 0;
  return {
    endpoint,
    account,
    region,
    clients,
    unique: (prefix) => `${prefix}-${accountId}-${++counter}-${randomBytes(2).toString('hex')}`,
  };
}
