import { CreateOrganizationalUnitCommand, MoveAccountCommand } from '@aws-sdk/client-organizations';
import type { EstatePart } from '../estate';
import { ensureOrganization, organizations } from '../organization';
import { createMemberAccount, rootIdOf } from '../reference/organizations';

/**
 * A first-time setup: an organization created for consolidated billing only, one OU and one member
 * account. SCPs do not exist in such an organization, so nothing limits the member account.
 */
export const organizationsDemo: EstatePart = {
  domain: 'organizations',
  async provision(ctx) {
    await ensureOrganization(ctx, 'CONSOLIDATED_BILLING');
    const client = organizations(ctx);
    const rootId = await rootIdOf(client);
    const ouId = (await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Sandbox' }))).OrganizationalUnit?.Id ?? '';
    const member = await createMemberAccount(client, 'first-project', `first-project+${ctx.account.accountId}@example.com`);
    await client.send(new MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ouId }));
    ctx.handles.set('organizations.rootId', rootId);
    ctx.handles.set('organizations.ou.Sandbox', ouId);
    ctx.handles.set('organizations.memberAccounts', member);
  },
};
