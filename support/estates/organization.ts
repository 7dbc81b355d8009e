import { CreateOrganizationCommand, DescribeOrganizationCommand, OrganizationsClient, type Organization } from '@aws-sdk/client-organizations';
import type { EstateContext } from './estate';

export function organizations(ctx: Pick<EstateContext, 'clients' | 'account'>): OrganizationsClient {
  return ctx.clients.client(OrganizationsClient, ctx.account, 'us-east-1');
}

/**
 * The estate's account becomes the management account of an organization (created once; every domain
 * that needs one calls this). `ALL` features are needed for SCPs; `CONSOLIDATED_BILLING` is the demo's
 * first-time setup.
 */
export async function ensureOrganization(ctx: Pick<EstateContext, 'clients' | 'account'>, featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL'): Promise<Organization> {
  const client = organizations(ctx);
  try {
    const existing = (await client.send(new DescribeOrganizationCommand({}))).Organization;
    if (existing) return existing;
  } catch (error) {
    if ((error as Error).name !== 'AWSOrganizationsNotInUseException') throw error;
  }
  const created = (await client.send(new CreateOrganizationCommand({ FeatureSet: featureSet }))).Organization;
  if (!created) throw new Error('CreateOrganization returned no organization');
  return created;
}
