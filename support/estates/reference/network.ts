import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNetworkAclEntryCommand,
  DescribeImagesCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
  ReplaceNetworkAclAssociationCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  type IpPermission,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import type { EstateContext, EstatePart } from '../estate';

/** What network estate code needs: write-capable clients for one account (reference, drifts, exam sandbox). */
export type NetworkWriter = Pick<EstateContext, 'clients' | 'account'>;

export const ec2 = (ctx: NetworkWriter, region: string): EC2Client => ctx.clients.client(EC2Client, ctx.account, region);

export const tagged = (type: ResourceType, tags: Record<string, string>) => [{ ResourceType: type, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }];

export const TCP = 'tcp';
export const EPHEMERAL = { From: 1024, To: 65535 };

export interface NaclRule {
  rule: number;
  egress: boolean;
  action: 'allow' | 'deny';
  cidr: string;
  protocol?: string; // "6" tcp (default), "17" udp, "-1" all
  ports?: { From: number; To: number };
}

export async function addNaclEntry(client: EC2Client, aclId: string, r: NaclRule): Promise<void> {
  const v6 = r.cidr.includes(':');
  await client.send(
    new CreateNetworkAclEntryCommand({
      NetworkAclId: aclId,
      RuleNumber: r.rule,
      Egress: r.egress,
      RuleAction: r.action,
      Protocol: r.protocol ?? '6',
      ...(v6 ? { Ipv6CidrBlock: r.cidr } : { CidrBlock: r.cidr }),
      ...(r.ports ? { PortRange: r.ports } : {}),
    }),
  );
}

export async function deleteNaclEntry(client: EC2Client, aclId: string, rule: number, egress: boolean): Promise<void> {
  await client.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: rule, Egress: egress }));
}

/** Move a subnet from whatever ACL it is on to `aclId` (every subnet is always associated with one). */
export async function associateNacl(client: EC2Client, subnetId: string, aclId: string): Promise<void> {
  const acls = (await client.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }))).NetworkAcls ?? [];
  const association = acls.flatMap((a) => a.Associations ?? []).find((a) => a.SubnetId === subnetId);
  if (!association?.NetworkAclAssociationId) throw new Error(`${subnetId} has no network ACL association`);
  await client.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: aclId }));
}

export async function createSecurityGroup(client: EC2Client, vpcId: string, name: string, tags: Record<string, string> = {}): Promise<string> {
  const created = await client.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId, TagSpecifications: tagged('security-group', { Name: name, ...tags }) }));
  return created.GroupId as string;
}

export const tcpFrom = (port: number, cidrs: string[]): IpPermission => ({
  IpProtocol: TCP,
  FromPort: port,
  ToPort: port,
  IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
});

export const tcpFromGroup = (port: number, groupId: string): IpPermission => ({ IpProtocol: TCP, FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: groupId }] });

export async function allowIn(client: EC2Client, groupId: string, permissions: IpPermission[]): Promise<void> {
  await client.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permissions }));
}

export async function allowOut(client: EC2Client, groupId: string, permissions: IpPermission[]): Promise<void> {
  await client.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: permissions }));
}

/** Revoke every rule a group has, in and out, as described by EC2 itself. */
export async function revokeAllRules(client: EC2Client, groupId: string): Promise<void> {
  const group = (await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0];
  const clean = (permissions: IpPermission[] | undefined) =>
    (permissions ?? []).map((p) => ({ IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort, IpRanges: p.IpRanges, Ipv6Ranges: p.Ipv6Ranges, PrefixListIds: p.PrefixListIds, UserIdGroupPairs: p.UserIdGroupPairs?.map((u) => ({ GroupId: u.GroupId })) }));
  if (group?.IpPermissions?.length) await client.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: clean(group.IpPermissions) }));
  if (group?.IpPermissionsEgress?.length) await client.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: clean(group.IpPermissionsEgress) }));
}

export async function createSubnet(client: EC2Client, vpcId: string, cidr: string, zone: string, tags: Record<string, string>, publicIpOnLaunch = false): Promise<string> {
  const subnetId = (await client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone, TagSpecifications: tagged('subnet', tags) }))).Subnet?.SubnetId as string;
  if (publicIpOnLaunch) await client.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  return subnetId;
}

export async function createVpcWithInternetGateway(client: EC2Client, cidr: string, name: string): Promise<{ vpcId: string; igwId: string }> {
  const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagged('vpc', { Name: name }) }))).Vpc?.VpcId as string;
  const igwId = (await client.send(new CreateInternetGatewayCommand({ TagSpecifications: tagged('internet-gateway', { Name: name }) }))).InternetGateway?.InternetGatewayId as string;
  await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  return { vpcId, igwId };
}

export async function routeTable(client: EC2Client, vpcId: string, name: string, subnetIds: string[], defaultRoute: { GatewayId: string } | { NatGatewayId: string }): Promise<string> {
  const id = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagged('route-table', { Name: name }) }))).RouteTable?.RouteTableId as string;
  await client.send(new CreateRouteCommand({ RouteTableId: id, DestinationCidrBlock: '0.0.0.0/0', ...defaultRoute }));
  for (const SubnetId of subnetIds) await client.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId }));
  return id;
}

export async function launchInstance(client: EC2Client, subnetId: string, groupIds: string[], tags: Record<string, string>): Promise<string> {
  const image = (await client.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images?.find((i) => i.ImageId)?.ImageId;
  if (!image) throw new Error('the emulator lists no machine image to launch');
  const run = await client.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnetId, SecurityGroupIds: groupIds, MetadataOptions: { HttpTokens: 'required' }, TagSpecifications: tagged('instance', tags) }));
  return run.Instances?.[0]?.InstanceId as string;
}

/** Default VPCs, their default groups and default NACLs exist in every region; make them fail closed. */
export async function closeDefaults(ctx: NetworkWriter, region: string): Promise<void> {
  const client = ec2(ctx, region);
  const groups = (await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))).SecurityGroups ?? [];
  for (const group of groups) await revokeAllRules(client, group.GroupId as string);
  const acls = (await client.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }] }))).NetworkAcls ?? [];
  for (const acl of acls) {
    for (const entry of acl.Entries ?? []) {
      if ((entry.RuleNumber ?? 32767) < 32767) await deleteNaclEntry(client, acl.NetworkAclId as string, entry.RuleNumber as number, entry.Egress === true);
    }
  }
}

export const REFERENCE_CIDRS = {
  vpc: '10.0.0.0/16',
  public: ['10.0.1.0/24', '10.0.11.0/24'],
  private: ['10.0.2.0/24', '10.0.12.0/24'],
};

/** Public NACL: the web ports in, SSH from the admins, RDP denied before the return-traffic range (it covers 3389). */
export function publicNaclRules(adminCidrs: string[], privateCidrs: string[]): NaclRule[] {
  return [
    { rule: 100, egress: false, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 80, To: 80 } },
    { rule: 110, egress: false, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 443, To: 443 } },
    ...adminCidrs.map((cidr, i): NaclRule => ({ rule: 120 + i, egress: false, action: 'allow', cidr, ports: { From: 22, To: 22 } })),
    { rule: 140, egress: false, action: 'deny', cidr: '0.0.0.0/0', ports: { From: 3389, To: 3389 } },
    { rule: 150, egress: false, action: 'allow', cidr: '0.0.0.0/0', ports: EPHEMERAL },
    { rule: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 80, To: 80 } },
    { rule: 110, egress: true, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 443, To: 443 } },
    ...privateCidrs.map((cidr, i): NaclRule => ({ rule: 120 + i, egress: true, action: 'allow', cidr, ports: { From: 3306, To: 3306 } })),
    { rule: 150, egress: true, action: 'allow', cidr: '0.0.0.0/0', ports: EPHEMERAL },
  ];
}

/** Private NACL: MySQL from the public subnets, replies from the internet (through the NAT), replies to the web tier. */
export function privateNaclRules(publicCidrs: string[]): NaclRule[] {
  return [
    ...publicCidrs.map((cidr, i): NaclRule => ({ rule: 100 + i, egress: false, action: 'allow', cidr, ports: { From: 3306, To: 3306 } })),
    { rule: 140, egress: false, action: 'deny', cidr: '0.0.0.0/0', ports: { From: 3389, To: 3389 } },
    { rule: 150, egress: false, action: 'allow', cidr: '0.0.0.0/0', ports: EPHEMERAL },
    { rule: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 80, To: 80 } },
    { rule: 110, egress: true, action: 'allow', cidr: '0.0.0.0/0', ports: { From: 443, To: 443 } },
    ...publicCidrs.map((cidr, i): NaclRule => ({ rule: 150 + i, egress: true, action: 'allow', cidr, ports: EPHEMERAL })),
  ];
}

/**
 * The two-tier layout in the home region: VPC 10.0.0.0/16, public and private subnets in two zones, an
 * internet gateway, a NAT gateway in a public subnet, web and db groups, custom NACLs with return-traffic
 * rules, one web and one db instance. In every audited region the default groups and default NACLs are
 * emptied (CIS 5.5; the default NACL allows everything, 22 and 3389 from 0.0.0.0/0 included).
 */
export const networkReference: EstatePart = {
  domain: 'network',
  async provision(ctx) {
    const client = ec2(ctx, ctx.home);
    const admins = ctx.config.network.adminCidrs;
    const { vpcId, igwId } = await createVpcWithInternetGateway(client, REFERENCE_CIDRS.vpc, 'posture-two-tier');
    const zones = ['a', 'b'].map((z) => `${ctx.home}${z}`);
    const publicSubnets = await Promise.all(REFERENCE_CIDRS.public.map((cidr, i) => createSubnet(client, vpcId, cidr, zones[i], { Name: `public-${zones[i]}`, Tier: 'web' }, true)));
    const privateSubnets = await Promise.all(REFERENCE_CIDRS.private.map((cidr, i) => createSubnet(client, vpcId, cidr, zones[i], { Name: `private-${zones[i]}`, Tier: 'db' })));

    const publicRoutes = await routeTable(client, vpcId, 'public', publicSubnets, { GatewayId: igwId });
    const eip = await client.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const nat = await client.send(new CreateNatGatewayCommand({ SubnetId: publicSubnets[0], AllocationId: eip.AllocationId, TagSpecifications: tagged('natgateway', { Name: 'posture-nat' }) }));
    const natId = nat.NatGateway?.NatGatewayId as string;
    const privateRoutes = await routeTable(client, vpcId, 'private', privateSubnets, { NatGatewayId: natId });

    const web = await createSecurityGroup(client, vpcId, 'posture-web', { Tier: 'web' });
    const db = await createSecurityGroup(client, vpcId, 'posture-db', { Tier: 'db' });
    // A new group allows all egress: replace that with what each tier needs.
    for (const group of [web, db]) await revokeAllRules(client, group);
    await allowIn(client, web, [tcpFrom(80, ['0.0.0.0/0']), tcpFrom(443, ['0.0.0.0/0']), ...(admins.length ? [tcpFrom(22, admins)] : [])]);
    await allowIn(client, db, [tcpFromGroup(3306, web)]);
    await allowOut(client, web, [tcpFromGroup(3306, db), tcpFrom(80, ['0.0.0.0/0']), tcpFrom(443, ['0.0.0.0/0'])]);
    await allowOut(client, db, [tcpFrom(80, ['0.0.0.0/0']), tcpFrom(443, ['0.0.0.0/0'])]);

    const publicAcl = (await client.send(new CreateNetworkAclCommand({ VpcId: vpcId, TagSpecifications: tagged('network-acl', { Name: 'public' }) }))).NetworkAcl?.NetworkAclId as string;
    const privateAcl = (await client.send(new CreateNetworkAclCommand({ VpcId: vpcId, TagSpecifications: tagged('network-acl', { Name: 'private' }) }))).NetworkAcl?.NetworkAclId as string;
    for (const r of publicNaclRules(admins, REFERENCE_CIDRS.private)) await addNaclEntry(client, publicAcl, r);
    for (const r of privateNaclRules(REFERENCE_CIDRS.public)) await addNaclEntry(client, privateAcl, r);
    for (const subnet of publicSubnets) await associateNacl(client, subnet, publicAcl);
    for (const subnet of privateSubnets) await associateNacl(client, subnet, privateAcl);

    const webInstance = await launchInstance(client, publicSubnets[0], [web], { Name: 'web-1', Tier: 'web' });
    const dbInstance = await launchInstance(client, privateSubnets[0], [db], { Name: 'db-1', Tier: 'db' });

    for (const region of ctx.regions) await closeDefaults(ctx, region);

    const handles: Record<string, string> = {
      vpc: vpcId,
      publicSubnet: publicSubnets[0],
      privateSubnet: privateSubnets[0],
      webSecurityGroup: web,
      dbSecurityGroup: db,
      internetGateway: igwId,
      natGateway: natId,
      publicRouteTable: publicRoutes,
      privateRouteTable: privateRoutes,
      publicAcl,
      privateAcl,
      webInstance,
      dbInstance,
    };
    for (const [key, value] of Object.entries(handles)) ctx.handles.set(`network.${key}`, value);
  },
};
