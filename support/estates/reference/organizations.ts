import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DescribeCreateAccountStatusCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  MoveAccountCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { PolicyJson } from '../../evaluators/permissions/evaluate';
import type { EstateContext, EstatePart } from '../estate';
import { ensureOrganization, organizations } from '../organization';

/** Actions of global services, whose calls AWS records in us-east-1: a region restriction must exempt them. */
export const GLOBAL_SERVICE_ACTIONS = [
  'iam:*', 'organizations:*', 'sts:*', 'account:*', 'route53:*', 'route53domains:*', 'cloudfront:*', 'globalaccelerator:*',
  'support:*', 'trustedadvisor:*', 'health:*', 'budgets:*', 'ce:*', 'cur:*', 'pricing:*', 'aws-portal:*', 'shield:*',
  'waf:*', 'wafv2:*', 'waf-regional:*', 's3:GetAccountPublic*', 's3:PutAccountPublic*', 's3:ListAllMyBuckets', 'ec2:DescribeRegions',
];

const doc = (...Statement: object[]): PolicyJson => ({ Version: '2012-10-17', Statement });

/** The reference landing zone's SCPs, by name. */
export const referenceScps = {
  regionRestriction: (allowedRegions: string[]) => ({
    name: 'deny-outside-allowed-regions',
    description: 'Deny work outside the allowed regions, global services exempt',
    document: doc({ Sid: 'DenyOutsideAllowedRegions', Effect: 'Deny', NotAction: GLOBAL_SERVICE_ACTIONS, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': allowedRegions } } }),
  }),
  denyLeaveOrganization: { name: 'deny-leave-organization', description: 'Member accounts stay in the organization', document: doc({ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }) },
  protectCloudTrail: {
    name: 'protect-cloudtrail',
    description: 'Nobody in a member account stops or changes the trails',
    document: doc({ Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'], Resource: '*' }),
  },
  protectConfig: {
    name: 'protect-config',
    description: 'Nobody in a member account stops or deletes AWS Config recording',
    document: doc({ Sid: 'ProtectConfig', Effect: 'Deny', Action: ['config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel'], Resource: '*' }),
  },
  denyMemberRoot: {
    name: 'deny-member-root',
    description: "Member accounts' root users do nothing",
    document: doc({ Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }),
  },
};

export const REFERENCE_OUS = ['Security', 'Workloads', 'Sandbox'] as const;
/** One member account per OU, created with CreateAccount. */
const REFERENCE_MEMBERS: { name: string; ou: (typeof REFERENCE_OUS)[number] }[] = [
  { name: 'security-tooling', ou: 'Security' },
  { name: 'workloads-production', ou: 'Workloads' },
  { name: 'sandbox-experiments', ou: 'Sandbox' },
];

export async function rootIdOf(client: OrganizationsClient): Promise<string> {
  const id = (await client.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
  if (!id) throw new Error('the organization has no root');
  return id;
}

export async function createScp(client: OrganizationsClient, scp: { name: string; description: string; document: PolicyJson }): Promise<string> {
  const created = await client.send(new CreatePolicyCommand({ Name: scp.name, Description: scp.description, Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify(scp.document) }));
  const id = created.Policy?.PolicySummary?.Id;
  if (!id) throw new Error(`CreatePolicy ${scp.name} returned no id`);
  return id;
}

/** CreateAccount is asynchronous in AWS: wait for its status to leave IN_PROGRESS. */
export async function createMemberAccount(client: OrganizationsClient, name: string, email: string): Promise<string> {
  const request = await client.send(new CreateAccountCommand({ AccountName: name, Email: email }));
  let status = request.CreateAccountStatus;
  for (let attempt = 0; status?.State === 'IN_PROGRESS' && attempt < 60; attempt++) {
    await new Promise((r) => setTimeout(r, 1000));
    status = (await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id }))).CreateAccountStatus;
  }
  if (status?.State !== 'SUCCEEDED' || !status.AccountId) throw new Error(`CreateAccount ${name}: ${status?.State ?? 'no status'} ${status?.FailureReason ?? ''}`);
  return status.AccountId;
}

export const organizationsReference: EstatePart = {
  domain: 'organizations',
  async provision(ctx: EstateContext) {
    await ensureOrganization(ctx, 'ALL');
    const client = organizations(ctx);
    const rootId = await rootIdOf(client);
    await client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })).catch((e: Error) => {
      if (e.name !== 'PolicyTypeAlreadyEnabledException') throw e;
    });
    ctx.handles.set('organizations.rootId', rootId);

    const ouIds: Record<string, string> = {};
    for (const name of REFERENCE_OUS) {
      const ou = await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: name }));
      ouIds[name] = ou.OrganizationalUnit?.Id ?? '';
      ctx.handles.set(`organizations.ou.${name}`, ouIds[name]);
    }
    const members: string[] = [];
    for (const member of REFERENCE_MEMBERS) {
      const id = await createMemberAccount(client, member.name, `${member.name}+${ctx.account.accountId}@example.com`);
      await client.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ouIds[member.ou] }));
      ctx.handles.set(`organizations.account.${member.ou}`, id);
      members.push(id);
    }
    ctx.handles.set('organizations.memberAccounts', members.join(','));

    // Guardrails at the root apply to every member account; FullAWSAccess stays attached at every level.
    const atRoot = [referenceScps.regionRestriction(ctx.config.organization.allowedRegions), referenceScps.denyLeaveOrganization, referenceScps.protectCloudTrail, referenceScps.protectConfig];
    for (const scp of atRoot) {
      const id = await createScp(client, scp);
      ctx.handles.set(`organizations.policy.${scp.name}`, id);
      await client.send(new AttachPolicyCommand({ PolicyId: id, TargetId: rootId }));
    }
    const denyRoot = await createScp(client, referenceScps.denyMemberRoot);
    ctx.handles.set(`organizations.policy.${referenceScps.denyMemberRoot.name}`, denyRoot);
    for (const name of REFERENCE_OUS) await client.send(new AttachPolicyCommand({ PolicyId: denyRoot, TargetId: ouIds[name] }));
  },
};
