import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import type { PolicyJson } from '../model/policy-json';
import { mapBounded } from './cache';
import { attempt, collected, type Collected } from './collected';
import { allPages, type Collector } from './collector';
import type { MemberAccount, OrganizationalUnit, OrganizationFacts, OrganizationStructure, OrganizationsInventory, PolicyTargetType, ServiceControlPolicy } from './types/organizations';

const CONCURRENCY = 6;
/** Organizations is a global service whose endpoint lives in us-east-1. */
const ORGANIZATIONS_REGION = 'us-east-1';

export const organizationsCollector: Collector<OrganizationsInventory> = {
  name: 'organizations',
  scope: 'account',
  collect: (ctx) => readOrganizationsInventory(ctx.clients.client(OrganizationsClient, ctx.account, ORGANIZATIONS_REGION), ctx.account.accountId),
};

/** The whole read, for one account's view of its organization (also used by @exam scenes to read back what they built). */
export async function readOrganizationsInventory(client: OrganizationsClient, account: string): Promise<OrganizationsInventory> {
  const described = await attempt('Organizations DescribeOrganization', async () => (await client.send(new DescribeOrganizationCommand({}))).Organization ?? null, {
    absent: ['AWSOrganizationsNotInUseException'],
    whenAbsent: null,
  });
  if (described.kind !== 'collected' || described.value === null) return { account, organization: described as Collected<null> };
  const org = described.value;
  const [structure, serviceControlPolicies] = await Promise.all([readStructure(client), readServiceControlPolicies(client)]);
  const facts: OrganizationFacts = {
    id: org.Id ?? '',
    arn: org.Arn ?? '',
    featureSet: org.FeatureSet ?? 'unknown',
    managementAccountId: org.MasterAccountId ?? '',
    auditedIsManagement: org.MasterAccountId === account,
    structure,
    serviceControlPolicies,
  };
  return { account, organization: collected(facts) };
}

/** Walk the tree from each root: OUs and accounts per parent, so every account's chain is known. */
async function readStructure(client: OrganizationsClient): Promise<Collected<OrganizationStructure>> {
  return attempt('Organizations tree (ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent)', async () => {
    const roots = await allPages(paginateListRoots({ client }, {}), (page) => page.Roots);
    const organizationalUnits: OrganizationalUnit[] = [];
    const accounts: MemberAccount[] = [];
    const visit = async (parentId: string, chain: string[]): Promise<void> => {
      const here = [...chain, parentId];
      const [ous, members] = await Promise.all([
        allPages(paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }), (page) => page.OrganizationalUnits),
        allPages(paginateListAccountsForParent({ client }, { ParentId: parentId }), (page) => page.Accounts),
      ]);
      accounts.push(...members.map((a) => ({ id: a.Id ?? '', arn: a.Arn ?? '', name: a.Name ?? '', status: a.Status ?? 'unknown', parentChain: here })));
      organizationalUnits.push(...ous.map((ou) => ({ id: ou.Id ?? '', arn: ou.Arn ?? '', name: ou.Name ?? '', parentId })));
      await mapBounded(ous, CONCURRENCY, (ou) => visit(ou.Id ?? '', here));
    };
    await mapBounded(roots, CONCURRENCY, (root) => visit(root.Id ?? '', []));
    return {
      roots: roots.map((r) => ({ id: r.Id ?? '', arn: r.Arn ?? '', name: r.Name ?? '', policyTypes: (r.PolicyTypes ?? []).map((t) => ({ type: t.Type ?? '', status: t.Status ?? '' })) })),
      organizationalUnits,
      accounts,
    };
  });
}

/** Every SCP (FullAWSAccess included), its document and where it is attached. */
async function readServiceControlPolicies(client: OrganizationsClient): Promise<Collected<ServiceControlPolicy[]>> {
  return attempt('Organizations SCPs (ListPolicies, DescribePolicy, ListTargetsForPolicy)', async () => {
    const summaries = await allPages(paginateListPolicies({ client }, { Filter: 'SERVICE_CONTROL_POLICY' }), (page) => page.Policies);
    return mapBounded(summaries, CONCURRENCY, async (summary) => {
      const PolicyId = summary.Id ?? '';
      const [described, targets] = await Promise.all([
        client.send(new DescribePolicyCommand({ PolicyId })),
        allPages(paginateListTargetsForPolicy({ client }, { PolicyId }), (page) => page.Targets),
      ]);
      const parsed = parseDocument(described.Policy?.Content);
      return {
        id: PolicyId,
        arn: summary.Arn ?? '',
        name: summary.Name ?? PolicyId,
        awsManaged: summary.AwsManaged === true,
        ...parsed,
        targets: targets.map((t) => ({ id: t.TargetId ?? '', type: (t.Type ?? 'ACCOUNT') as PolicyTargetType, name: t.Name ?? '' })),
      };
    });
  });
}

function parseDocument(content: string | undefined): { document: PolicyJson | null; documentError?: string } {
  if (!content) return { document: null, documentError: 'the policy has no content' };
  try {
    return { document: JSON.parse(content) as PolicyJson };
  } catch (error) {
    return { document: null, documentError: `not JSON: ${(error as Error).message}` };
  }
}
