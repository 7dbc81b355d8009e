import { EC2Client, DescribeInstanceAttributeCommand, DescribeInstancesCommand, DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountSummaryCommand,
  GetInstanceProfileCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListGroupsForUser,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { evaluatePermission, type NamedPolicy, type PermissionDecision } from '../../evaluators/permissions/evaluate';
import { allPages } from '../../inventory/collector';
import { parsePolicyDocument } from '../../inventory/iam';
import { AWS_GROUPS_PER_USER, groupMembershipLimit, type GroupLimitVerdict } from '../../rules/iam/group-limit';
import type { ExamSandbox } from './sandbox';

/** What the IAM @exam scenarios build in the sandbox account and then ask about. */
export interface IamExamScene {
  user?: string;
  groupsAsked?: number;
  /** AddUserToGroup calls the service refused with LimitExceeded (AWS does; the emulator does not). */
  refusedByService?: number;
  instance?: { instanceId: string; roleArn: string };
  credentials?: { accessKeyIdPrefix: string; hasSessionToken: boolean; expiresAt?: string };
}

declare module './sandbox' {
  interface ExamState {
    iam?: IamExamScene;
  }
}

const iam = (sandbox: ExamSandbox) => sandbox.clients.client(IAMClient, sandbox.account, 'us-east-1');
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/** A user added to `count` groups, one by one, as an administrator would. */
export async function userInManyGroups(sandbox: ExamSandbox, count: number): Promise<IamExamScene> {
  const client = iam(sandbox);
  const user = sandbox.unique('exam-member');
  await client.send(new CreateUserCommand({ UserName: user }));
  let refusedByService = 0;
  for (let n = 1; n <= count; n++) {
    const GroupName = sandbox.unique(`exam-group${n}`);
    await client.send(new CreateGroupCommand({ GroupName }));
    await client.send(new AddUserToGroupCommand({ GroupName, UserName: user })).catch((error: Error) => {
      if (error.name !== 'LimitExceededException' && error.name !== 'LimitExceeded') throw error;
      refusedByService++;
    });
  }
  return { user, groupsAsked: count, refusedByService };
}

/** Read the memberships and the quota back: the service's refusals, or else our check over what was stored. */
export async function groupLimitVerdict(sandbox: ExamSandbox, scene: IamExamScene): Promise<GroupLimitVerdict & { refusedByService: number }> {
  const client = iam(sandbox);
  const groups = await allPages(paginateListGroupsForUser({ client }, { UserName: scene.user }), (p) => p.Groups?.map((g) => g.GroupName ?? ''));
  const quota = (await client.send(new GetAccountSummaryCommand({}))).SummaryMap?.GroupsPerUserQuota ?? AWS_GROUPS_PER_USER;
  return { ...groupMembershipLimit(scene.user ?? '', groups, quota), refusedByService: scene.refusedByService ?? 0 };
}

/** A user whose group allows all of S3 and whose own inline policy denies deleting buckets. */
export async function userWithGroupAllowAndOwnDeny(sandbox: ExamSandbox): Promise<IamExamScene> {
  const client = iam(sandbox);
  const user = sandbox.unique('exam-deny');
  const group = sandbox.unique('exam-s3-admins');
  await client.send(new CreateUserCommand({ UserName: user }));
  await client.send(new CreateGroupCommand({ GroupName: group }));
  await client.send(new AddUserToGroupCommand({ GroupName: group, UserName: user }));
  await client.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'allow-all-s3', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }));
  await client.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'deny-delete-bucket', PolicyDocument: doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) }));
  return { user };
}

/** The user's policies as IAM stores them (its own and its groups'), decided by the shared permissions evaluator. */
export async function decideForUser(sandbox: ExamSandbox, scene: IamExamScene, action: string): Promise<PermissionDecision & { policies: string[] }> {
  const client = iam(sandbox);
  const pages = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client }, { Filter: ['User', 'Group'] })) pages.push(page);
  const user = pages.flatMap((p) => p.UserDetailList ?? []).find((u) => u.UserName === scene.user);
  if (!user?.Arn) throw new Error(`user ${scene.user} is not in the sandbox account`);
  const groups = pages.flatMap((p) => p.GroupDetailList ?? []).filter((g) => user.GroupList?.includes(g.GroupName ?? ''));
  const identityPolicies: NamedPolicy[] = [
    ...(user.UserPolicyList ?? []).map((p) => ({ name: `user inline ${p.PolicyName}`, document: parsePolicyDocument(p.PolicyDocument) ?? { Statement: [] } })),
    ...groups.flatMap((g) => (g.GroupPolicyList ?? []).map((p) => ({ name: `group ${g.GroupName} inline ${p.PolicyName}`, document: parsePolicyDocument(p.PolicyDocument) ?? { Statement: [] } }))),
  ];
  return { ...evaluatePermission({ principal: user.Arn, action, identityPolicies }), policies: identityPolicies.map((p) => p.name) };
}

/** An instance launched with an instance profile whose role EC2 may assume; its user data holds no credentials. */
export async function instanceWithRole(sandbox: ExamSandbox): Promise<IamExamScene> {
  const client = iam(sandbox);
  const name = sandbox.unique('exam-app');
  const roleArn = (await client.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }))).Role?.Arn ?? '';
  const profileArn = (await client.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }))).InstanceProfile?.Arn;
  await client.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }));
  const ec2 = sandbox.clients.client(EC2Client, sandbox.account, sandbox.region);
  const image = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023*-x86_64'] }] }))).Images?.[0]?.ImageId;
  // The program calls AWS with no credentials configured: the SDK's default chain finds the instance role.
  const userData = Buffer.from('#!/bin/bash\naws s3 ls > /var/log/app-listing.txt\n').toString('base64');
  const instanceId = (await ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, IamInstanceProfile: { Arn: profileArn }, UserData: userData, MetadataOptions: { HttpTokens: 'required' } }))).Instances?.[0]?.InstanceId ?? '';
  return { instance: { instanceId, roleArn } };
}

/**
 * What the instance metadata service does for a program on the instance: EC2 assumes the instance
 * profile's role and hands out the session. The emulator has no metadata service, so the suite asks STS
 * as EC2 would, for the role the instance actually carries.
 */
export async function credentialsOnInstance(sandbox: ExamSandbox, scene: IamExamScene): Promise<IamExamScene['credentials']> {
  const ec2 = sandbox.clients.client(EC2Client, sandbox.account, sandbox.region);
  const described = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [scene.instance?.instanceId ?? ''] }))).Reservations?.[0]?.Instances?.[0];
  const profileName = described?.IamInstanceProfile?.Arn?.split('/').pop();
  if (!profileName) throw new Error(`instance ${scene.instance?.instanceId} carries no instance profile`);
  const roleArn = (await iam(sandbox).send(new GetInstanceProfileCommand({ InstanceProfileName: profileName }))).InstanceProfile?.Roles?.[0]?.Arn;
  const sts = sandbox.clients.client(STSClient, sandbox.account, sandbox.region);
  const session = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: scene.instance?.instanceId ?? 'instance' }))).Credentials;
  return { accessKeyIdPrefix: (session?.AccessKeyId ?? '').slice(0, 4), hasSessionToken: Boolean(session?.SessionToken), expiresAt: session?.Expiration?.toISOString() };
}

/** The instance's user data, decoded: where keys end up when people store them on servers. */
export async function instanceUserData(sandbox: ExamSandbox, scene: IamExamScene): Promise<string> {
  const ec2 = sandbox.clients.client(EC2Client, sandbox.account, sandbox.region);
  const value = (await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: scene.instance?.instanceId, Attribute: 'userData' }))).UserData?.Value;
  return value ? Buffer.from(value, 'base64').toString('utf8') : '';
}

/** Long-term access key ids start with AKIA, temporary (STS) ones with ASIA; secrets in files are named so. */
export function looksLikeStoredKey(text: string): boolean {
  return /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(text) || /aws_secret_access_key|AWS_SECRET_ACCESS_KEY/.test(text);
}
