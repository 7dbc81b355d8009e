import { DescribeOrganizationCommand, OrganizationsClient, paginateListAccounts, type Account } from '@aws-sdk/client-organizations';
import { describeError } from '../inventory/collected';
import { allPages } from '../inventory/collector';
import type { RunContext } from '../run/run-context';

export interface MemberAccount {
  id: string;
  name?: string;
}

export class FanoutError extends Error {
  override name = 'FanoutError';
}

/** ACTIVE accounts only: suspended or pending-closure accounts cannot be audited (moto says Status, AWS now also State). */
export function isActive(account: Account): boolean {
  const state = (account as Account & { State?: string }).State ?? account.Status;
  return state === 'ACTIVE';
}

/**
 * The member accounts an Organization audit reaches, listed from the management (or delegated-admin)
 * account: every ACTIVE account except the caller's own and those the config excludes.
 */
export async function listMemberAccounts(run: RunContext): Promise<{ organizationId?: string; managementAccount?: string; members: MemberAccount[] }> {
  const client = run.reads.client(OrganizationsClient, run.account, run.homeRegion);
  let organization;
  let accounts: Account[];
  try {
    organization = (await client.send(new DescribeOrganizationCommand({}))).Organization;
    accounts = await allPages(paginateListAccounts({ client }, {}), (page) => page.Accounts);
  } catch (error) {
    throw new FanoutError(`cannot list the Organization's accounts from account ${run.account.accountId} (run the fan-out from the management or a delegated-admin account): ${describeError('Organizations ListAccounts', error)}`);
  }
  const excluded = new Set(run.config.audit.excludeAccounts);
  const members = accounts
    .filter((a) => a.Id && isActive(a) && a.Id !== run.account.accountId && !excluded.has(a.Id))
    .map((a) => ({ id: a.Id as string, name: a.Name }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { organizationId: organization?.Id, managementAccount: organization?.MasterAccountId, members };
}
