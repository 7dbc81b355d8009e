import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  AssociateIamInstanceProfileCommand,
  AuthorizeSecurityGroupEgressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  paginateDescribeInstances,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { EstateContext } from './estate';

/**
 * Building blocks of the IAM estates (write clients, loopback only). Passwords are obviously fake and
 * long; no string here looks like an AWS access key.
 */
export const iam = (ctx: { clients: EstateContext['clients']; account: EstateContext['account'] }) => ctx.clients.client(IAMClient, ctx.account, 'us-east-1');
export const ec2 = (ctx: EstateContext, region = ctx.home) => ctx.clients.client(EC2Client, ctx.account, region);

export const AWS_POLICY = (name: string) => `arn:aws:iam::aws:policy/${name}`;
export const FAKE_PASSWORD = 'posture-Example-Passw0rd-not-real!';

export const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
export const trust = (principal: object) => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });

export async function createPolicy(ctx: EstateContext, name: string, document: string): Promise<string> {
  const arn = (await iam(ctx).send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy?.Arn;
  if (!arn) throw new Error(`CreatePolicy ${name} returned no ARN`);
  return arn;
}

export async function createGroup(ctx: EstateContext, name: string, policyArns: string[]): Promise<void> {
  await iam(ctx).send(new CreateGroupCommand({ GroupName: name }));
  for (const PolicyArn of policyArns) await iam(ctx).send(new AttachGroupPolicyCommand({ GroupName: name, PolicyArn }));
}

/** One user per person: in groups, with a console password and a virtual MFA device, or a key only. */
export async function createPerson(ctx: EstateContext, name: string, groups: string[], options: { console?: boolean; mfa?: boolean; accessKey?: boolean } = {}): Promise<void> {
  const client = iam(ctx);
  await client.send(new CreateUserCommand({ UserName: name }));
  for (const GroupName of groups) await client.send(new AddUserToGroupCommand({ GroupName, UserName: name }));
  if (options.console) await client.send(new CreateLoginProfileCommand({ UserName: name, Password: FAKE_PASSWORD, PasswordResetRequired: false }));
  if (options.mfa) await enableVirtualMfa(ctx, name);
  if (options.accessKey) await client.send(new CreateAccessKeyCommand({ UserName: name }));
}

export async function enableVirtualMfa(ctx: EstateContext, user: string): Promise<void> {
  const client = iam(ctx);
  const device = (await client.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${user}-mfa` }))).VirtualMFADevice;
  // The emulator accepts any two codes; AWS wants two consecutive TOTP codes.
  await client.send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: device?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
}

export async function createRole(ctx: EstateContext, name: string, principal: object, policyArns: string[]): Promise<string> {
  const arn = (await iam(ctx).send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal) }))).Role?.Arn;
  for (const PolicyArn of policyArns) await iam(ctx).send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn }));
  if (!arn) throw new Error(`CreateRole ${name} returned no ARN`);
  return arn;
}

export async function createInstanceProfile(ctx: EstateContext, role: string): Promise<string> {
  const arn = (await iam(ctx).send(new CreateInstanceProfileCommand({ InstanceProfileName: role }))).InstanceProfile?.Arn;
  await iam(ctx).send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: role, RoleName: role }));
  if (!arn) throw new Error(`CreateInstanceProfile ${role} returned no ARN`);
  return arn;
}

/**
 * A small private network of its own for the IAM domain's instances: no internet gateway, no public IP,
 * a security group with no ingress, and the VPC's default security group emptied, so nothing here is
 * reachable or trips the network scenarios whatever the network part does to the default VPCs.
 */
export async function privateAppNetwork(ctx: EstateContext): Promise<{ subnetId: string; securityGroupId: string }> {
  const client = ec2(ctx);
  const tags = (name: string) => [{ Key: 'Name', Value: name }, { Key: 'Domain', Value: 'iam' }];
  const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: tags('iam-instance-roles') }] }))).Vpc?.VpcId;
  const subnetId = (await client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24', TagSpecifications: [{ ResourceType: 'subnet', Tags: tags('iam-instance-roles-private') }] }))).Subnet?.SubnetId;
  const securityGroupId = (await client.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'iam-instance-roles', Description: 'No ingress; HTTPS out to AWS APIs' }))).GroupId;
  if (!vpcId || !subnetId || !securityGroupId) throw new Error('could not create the IAM domain network');
  const allOut = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
  await client.send(new RevokeSecurityGroupEgressCommand({ GroupId: securityGroupId, IpPermissions: allOut }));
  await client.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: securityGroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  const defaultGroup = (await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups?.[0];
  if (defaultGroup?.GroupId) {
    if (defaultGroup.IpPermissions?.length) await client.send(new RevokeSecurityGroupIngressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissions }));
    if (defaultGroup.IpPermissionsEgress?.length) await client.send(new RevokeSecurityGroupEgressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissionsEgress }));
  }
  return { subnetId, securityGroupId };
}

export async function launchInstance(ctx: EstateContext, name: string, network: { subnetId: string; securityGroupId: string }, instanceProfileArn?: string): Promise<string> {
  const client = ec2(ctx);
  const image = (await client.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images?.[0]?.ImageId;
  const instance = (
    await client.send(
      new RunInstancesCommand({
        ImageId: image,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: network.subnetId, Groups: [network.securityGroupId], AssociatePublicIpAddress: false }],
        ...(instanceProfileArn ? { IamInstanceProfile: { Arn: instanceProfileArn } } : {}),
        MetadataOptions: { HttpTokens: 'required' }, // IMDSv2: role credentials only with a session token
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }, { Key: 'Domain', Value: 'iam' }] }],
      }),
    )
  ).Instances?.[0]?.InstanceId;
  if (!instance) throw new Error(`RunInstances ${name} returned no instance`);
  return instance;
}

/** Associate the profile with every instance of the region that has none (not terminated). */
export async function giveInstancesAProfile(ctx: EstateContext, region: string, instanceProfileArn: string): Promise<void> {
  const client = ec2(ctx, region);
  for await (const page of paginateDescribeInstances({ client }, {})) {
    for (const instance of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
      if (instance.IamInstanceProfile || instance.State?.Name === 'terminated') continue;
      await client.send(new AssociateIamInstanceProfileCommand({ InstanceId: instance.InstanceId, IamInstanceProfile: { Arn: instanceProfileArn } }));
    }
  }
}
