import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  EnablePolicyTypeCommand,
  MoveAccountCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
} from '@aws-sdk/client-organizations';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, CreateServiceLinkedRoleCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { evaluatePermission, type NamedPolicy, type PermissionDecision, type PolicyJson } from '../../evaluators/permissions/evaluate';
import { organizationView } from '../../evaluators/permissions/organization-chain';
import { allPages } from '../../inventory/collector';
import { readOrganizationsInventory } from '../../inventory/organizations';
import { assumeEmulatedAccount } from '../../target/emulated-accounts';
import { ensureOrganization } from '../organization';
import { createMemberAccount, createScp, GLOBAL_SERVICE_ACTIONS, rootIdOf } from '../reference/organizations';
import type { ExamSandbox } from './sandbox';

/** A scratch organization (management = the sandbox account) with one member account in its own OU. */
export interface OrganizationsExamScene {
  managementAccount: string;
  memberAccount: string;
  rootId: string;
  ouId: string;
  asked?: { caller: ExamCaller; principal: string; action: string; region: string; levels: string[]; identityPolicies: string[]; decision: PermissionDecision };
}

declare module './sandbox' {
  interface ExamState {
    organizations?: OrganizationsExamScene;
  }
}

export type ExamCaller = 'service-linked role' | 'ordinary role' | 'management administrator' | 'role without policies' | 'instance role';

const EXAM_SCP = 'exam-deny-config-and-regions';
const EXAM_OU = 'exam-members';
const EXAM_REGION = 'eu-west-1';
const doc = (...Statement: object[]): PolicyJson => ({ Version: '2012-10-17', Statement });
const orgClient = (sandbox: ExamSandbox) => sandbox.clients.client(OrganizationsClient, sandbox.account, 'us-east-1');

export async function scratchOrganization(sandbox: ExamSandbox): Promise<OrganizationsExamScene> {
  await ensureOrganization(sandbox, 'ALL');
  const client = orgClient(sandbox);
  const rootId = await rootIdOf(client);
  await client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })).catch((e: Error) => {
    if (e.name !== 'PolicyTypeAlreadyEnabledException') throw e;
  });
  const existing = await allPages(paginateListPolicies({ client }, { Filter: 'SERVICE_CONTROL_POLICY' }), (page) => page.Policies);
  const scpId =
    existing.find((p) => p.Name === EXAM_SCP)?.Id ??
    (await createScp(client, {
      name: EXAM_SCP,
      description: 'exam: deny stopping AWS Config, and every region but eu-west-1',
      document: doc(
        { Sid: 'ProtectConfig', Effect: 'Deny', Action: 'config:StopConfigurationRecorder', Resource: '*' },
        { Sid: 'OnlyEuWest1', Effect: 'Deny', NotAction: GLOBAL_SERVICE_ACTIONS, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [EXAM_REGION] } } },
      ),
    }));
  await client.send(new AttachPolicyCommand({ PolicyId: scpId, TargetId: rootId })).catch((e: Error) => {
    if (e.name !== 'DuplicatePolicyAttachmentException') throw e;
  });
  // One member account in its own OU serves every scenario of the run (CreateAccount is slow in the emulator).
  const ous = await allPages(paginateListOrganizationalUnitsForParent({ client }, { ParentId: rootId }), (page) => page.OrganizationalUnits);
  const ouId = ous.find((ou) => ou.Name === EXAM_OU)?.Id ?? (await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: EXAM_OU }))).OrganizationalUnit?.Id ?? '';
  const inOu = await allPages(paginateListAccountsForParent({ client }, { ParentId: ouId }), (page) => page.Accounts);
  let memberAccount = inOu[0]?.Id;
  if (!memberAccount) {
    memberAccount = await createMemberAccount(client, EXAM_OU, `${sandbox.unique('exam-member')}@example.com`);
    await client.send(new MoveAccountCommand({ AccountId: memberAccount, SourceParentId: rootId, DestinationParentId: ouId }));
  }
  return { managementAccount: sandbox.account.accountId, memberAccount, rootId, ouId };
}

const allow = (action: string): PolicyJson => doc({ Effect: 'Allow', Action: action, Resource: '*' });

function parsePolicyDocument(text: string): PolicyJson {
  try {
    return JSON.parse(text) as PolicyJson;
  } catch {
    return JSON.parse(decodeURIComponent(text)) as PolicyJson;
  }
}

/** A role's inline policies, read back from IAM. */
async function inlinePoliciesOf(iam: IAMClient, RoleName: string): Promise<NamedPolicy[]> {
  const names = (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? [];
  return Promise.all(
    names.map(async (PolicyName) => ({ name: PolicyName, document: parsePolicyDocument((await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument ?? '{}') })),
  );
}

async function roleWith(iam: IAMClient, RoleName: string, trustedService: string, inline?: { name: string; document: PolicyJson }): Promise<string> {
  const trust = doc({ Effect: 'Allow', Principal: { Service: trustedService }, Action: 'sts:AssumeRole' });
  const arn = (await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role?.Arn ?? '';
  if (inline) await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: inline.name, PolicyDocument: JSON.stringify(inline.document) }));
  return arn;
}

/** Build the caller in the right account, read its policies and the organization back, and decide. */
export async function decideExamRequest(sandbox: ExamSandbox, scene: OrganizationsExamScene, caller: ExamCaller, action: string, region: string) {
  const inManagement = caller === 'management administrator';
  const account = inManagement ? sandbox.account : await assumeEmulatedAccount(sandbox.clients, sandbox.account, scene.memberAccount, sandbox.region);
  const iam = sandbox.clients.client(IAMClient, account, 'us-east-1');
  const roleName = sandbox.unique('exam-role').slice(0, 60);
  let principal: string;
  let identityPolicies: NamedPolicy[];
  switch (caller) {
    case 'service-linked role': {
      // A service-linked role's permissions are set by the service; give it the ordinary role's policy to compare like with like.
      const created = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' })).catch(async (e: Error) => {
        if (e.name !== 'EntityAlreadyExists' && e.name !== 'InvalidInput') throw e;
        return iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForConfig' }));
      });
      principal = created.Role?.Arn ?? '';
      identityPolicies = [{ name: 'allow-config', document: allow('config:*') }];
      break;
    }
    case 'ordinary role':
      await roleWith(iam, roleName, 'lambda.amazonaws.com', { name: 'allow-config', document: allow('config:*') });
      principal = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn ?? '';
      identityPolicies = await inlinePoliciesOf(iam, roleName);
      break;
    case 'management administrator':
      principal = await roleWith(iam, roleName, 'ec2.amazonaws.com', { name: 'administrator', document: allow('*') });
      identityPolicies = await inlinePoliciesOf(iam, roleName);
      break;
    case 'role without policies':
      principal = await roleWith(iam, roleName, 'lambda.amazonaws.com');
      identityPolicies = await inlinePoliciesOf(iam, roleName);
      break;
    case 'instance role': {
      await roleWith(iam, roleName, 'ec2.amazonaws.com', { name: 'allow-ec2', document: allow('ec2:*') });
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: roleName }));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: roleName, RoleName: roleName }));
      // An instance's credentials are a session of its role, named after the instance id.
      principal = `arn:aws:sts::${account.accountId}:assumed-role/${roleName}/i-0123456789abcdef0`;
      identityPolicies = await inlinePoliciesOf(iam, roleName);
      break;
    }
  }
  const view = organizationView(await readOrganizationsInventory(orgClient(sandbox), sandbox.account.accountId));
  if (view.kind !== 'organization') throw new Error(`the scratch organization could not be read back: ${view.kind === 'unreadable' ? view.why : 'no organization'}`);
  const member = view.accounts.find((a) => a.id === account.accountId);
  if (!member) throw new Error(`account ${account.accountId} is not in the scratch organization`);
  const scps = view.scpsFor(member);
  const decision = evaluatePermission({ principal, action, context: { 'aws:RequestedRegion': region }, identityPolicies, scpLevels: scps.scpLevels, isManagementAccount: scps.isManagementAccount });
  const asked = {
    caller,
    principal,
    action,
    region,
    levels: scps.scpLevels.map((l) => `${l.level}: ${l.policies.map((p) => p.name).join(', ')}`),
    identityPolicies: identityPolicies.map((p) => p.name),
    decision,
  };
  if (caller !== 'ordinary role') scene.asked = asked;
  return asked;
}
