import {
  EC2Client,
  paginateDescribeInternetGateways,
  paginateDescribeManagedPrefixLists,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  paginateGetManagedPrefixListEntries,
  type IpPermission,
  type NetworkAclEntry,
  type Route as Ec2Route,
  type Tag,
} from '@aws-sdk/client-ec2';
import { normaliseProtocol } from '../model/protocol';
import { mapBounded } from './cache';
import { readInstances } from './instances';
import { attempt, collected, type Collected } from './collected';
import { allPages, type Collector } from './collector';
import type { NaclEntry, NetworkInventory, PrefixList, Route, RouteTargetKind, SecurityGroup, SgRule, Tags } from './types/network';

const PREFIX_LIST_CONCURRENCY = 4;

/** One EC2 client per (account, region); ten paginated reads in parallel, then the referenced prefix lists. */
export const networkCollector: Collector<NetworkInventory> = {
  name: 'network',
  scope: 'region',
  collect: (ctx) => readNetwork(ctx.clients.client(EC2Client, ctx.account, ctx.region), ctx.account.accountId, ctx.region, () => ctx.inventory('instances')),
};

/** The read itself, also used by @exam scenes to read their sandbox back. */
export async function readNetwork(ec2: EC2Client, account: string, region: string, instancesOf = () => readInstances(ec2, region)): Promise<NetworkInventory> {
  const arn = (type: string, id: string) => `arn:aws:ec2:${region}:${account}:${type}/${id}`;
  const read = <T>(what: string, fn: () => Promise<T>) => attempt(`EC2 ${what} (${region})`, fn);
  const client = { client: ec2 };

  const [vpcs, subnets, routeTables, internetGateways, natGateways, networkAcls, securityGroups, instances, networkInterfaces] = await Promise.all([
    read('DescribeVpcs', () =>
      allPages(paginateDescribeVpcs(client, {}), (p) =>
        p.Vpcs?.map((v) => ({
          id: v.VpcId ?? '',
          arn: arn('vpc', v.VpcId ?? ''),
          isDefault: v.IsDefault === true,
          cidrBlocks: (v.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock ?? '').filter(Boolean),
          ipv6CidrBlocks: (v.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock ?? '').filter(Boolean),
          tags: tags(v.Tags),
        })),
      ),
    ),
    read('DescribeSubnets', () =>
      allPages(paginateDescribeSubnets(client, {}), (p) =>
        p.Subnets?.map((s) => ({
          id: s.SubnetId ?? '',
          arn: s.SubnetArn ?? arn('subnet', s.SubnetId ?? ''),
          vpcId: s.VpcId ?? '',
          availabilityZone: s.AvailabilityZone ?? '',
          cidrBlock: s.CidrBlock ?? '',
          ipv6CidrBlocks: (s.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock ?? '').filter(Boolean),
          mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
          tags: tags(s.Tags),
        })),
      ),
    ),
    read('DescribeRouteTables', () =>
      allPages(paginateDescribeRouteTables(client, {}), (p) =>
        p.RouteTables?.map((t) => ({
          id: t.RouteTableId ?? '',
          arn: arn('route-table', t.RouteTableId ?? ''),
          vpcId: t.VpcId ?? '',
          main: (t.Associations ?? []).some((a) => a.Main === true),
          subnetIds: (t.Associations ?? []).map((a) => a.SubnetId ?? '').filter(Boolean),
          routes: (t.Routes ?? []).map(toRoute),
          tags: tags(t.Tags),
        })),
      ),
    ),
    read('DescribeInternetGateways', () =>
      allPages(paginateDescribeInternetGateways(client, {}), (p) =>
        p.InternetGateways?.map((g) => ({
          id: g.InternetGatewayId ?? '',
          arn: arn('internet-gateway', g.InternetGatewayId ?? ''),
          attachedVpcIds: (g.Attachments ?? []).filter((a) => a.State !== 'detached').map((a) => a.VpcId ?? ''),
          tags: tags(g.Tags),
        })),
      ),
    ),
    read('DescribeNatGateways', () =>
      allPages(paginateDescribeNatGateways(client, {}), (p) =>
        p.NatGateways?.map((n) => ({
          id: n.NatGatewayId ?? '',
          arn: arn('natgateway', n.NatGatewayId ?? ''),
          vpcId: n.VpcId ?? '',
          subnetId: n.SubnetId ?? '',
          state: n.State ?? 'unknown',
          connectivityType: n.ConnectivityType === 'private' ? ('private' as const) : ('public' as const),
          publicIps: (n.NatGatewayAddresses ?? []).map((a) => a.PublicIp ?? '').filter(Boolean),
          tags: tags(n.Tags),
        })),
      ),
    ),
    read('DescribeNetworkAcls', () =>
      allPages(paginateDescribeNetworkAcls(client, {}), (p) =>
        p.NetworkAcls?.map((a) => ({
          id: a.NetworkAclId ?? '',
          arn: arn('network-acl', a.NetworkAclId ?? ''),
          vpcId: a.VpcId ?? '',
          isDefault: a.IsDefault === true,
          subnetIds: (a.Associations ?? []).map((x) => x.SubnetId ?? '').filter(Boolean),
          entries: (a.Entries ?? []).map(toNaclEntry),
          tags: tags(a.Tags),
        })),
      ),
    ),
    read('DescribeSecurityGroups', () =>
      allPages(paginateDescribeSecurityGroups(client, {}), (p) =>
        p.SecurityGroups?.map(
          (g): SecurityGroup => ({
            id: g.GroupId ?? '',
            arn: g.SecurityGroupArn ?? arn('security-group', g.GroupId ?? ''),
            name: g.GroupName ?? '',
            vpcId: g.VpcId ?? '',
            isDefault: g.GroupName === 'default',
            ingress: (g.IpPermissions ?? []).flatMap(toSgRules),
            egress: (g.IpPermissionsEgress ?? []).flatMap(toSgRules),
            tags: tags(g.Tags),
          }),
        ),
      ),
    ),
    instancesOf().then((found) =>
      found.kind !== 'collected'
        ? found
        : collected(
            found.value.map((i) => ({
              id: i.InstanceId ?? '',
              arn: arn('instance', i.InstanceId ?? ''),
              state: i.State?.Name ?? 'unknown',
              vpcId: i.VpcId ?? '',
              subnetId: i.SubnetId ?? '',
              privateIp: i.PrivateIpAddress ?? '',
              publicIp: i.PublicIpAddress || undefined,
              ipv6Addresses: (i.NetworkInterfaces ?? []).flatMap((n) => (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? '')).filter(Boolean),
              securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
              tags: tags(i.Tags),
            })),
          ),
    ),
    read('DescribeNetworkInterfaces', () =>
      allPages(paginateDescribeNetworkInterfaces(client, {}), (p) =>
        p.NetworkInterfaces?.map((n) => ({
          id: n.NetworkInterfaceId ?? '',
          vpcId: n.VpcId ?? '',
          subnetId: n.SubnetId ?? '',
          privateIp: n.PrivateIpAddress ?? '',
          publicIp: n.Association?.PublicIp || undefined,
          ipv6Addresses: (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? '').filter(Boolean),
          securityGroupIds: (n.Groups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
          instanceId: n.Attachment?.InstanceId,
          description: n.Description ?? '',
        })),
      ),
    ),
  ]);

  const prefixLists = await referencedPrefixLists(ec2, region, securityGroups, routeTables);
  return { account, region, vpcs, subnets, routeTables, internetGateways, natGateways, networkAcls, securityGroups, prefixLists, instances, networkInterfaces };
}

/** Only the prefix lists that a security group rule or a route names: a handful of reads, not every AWS-managed list. */
async function referencedPrefixLists(ec2: EC2Client, region: string, groups: Collected<SecurityGroup[]>, tables: Collected<{ routes: Route[] }[]>): Promise<Collected<PrefixList[]>> {
  const ids = new Set<string>();
  if (groups.kind === 'collected') for (const g of groups.value) for (const r of [...g.ingress, ...g.egress]) if (r.peer.kind === 'prefix-list') ids.add(r.peer.id);
  if (tables.kind === 'collected') for (const t of tables.value) for (const r of t.routes) if (r.destination.startsWith('pl-')) ids.add(r.destination);
  if (ids.size === 0) return collected([]);
  const lists = await attempt(`EC2 DescribeManagedPrefixLists (${region})`, () =>
    allPages(paginateDescribeManagedPrefixLists({ client: ec2 }, { PrefixListIds: [...ids] }), (p) => p.PrefixLists?.map((l) => ({ id: l.PrefixListId ?? '', name: l.PrefixListName ?? '' }))),
  );
  if (lists.kind !== 'collected') return lists;
  const withEntries = await mapBounded(lists.value, PREFIX_LIST_CONCURRENCY, (list) =>
    attempt(`EC2 GetManagedPrefixListEntries ${list.id} (${region})`, async () => ({
      ...list,
      cidrs: await allPages(paginateGetManagedPrefixListEntries({ client: ec2 }, { PrefixListId: list.id }), (p) => p.Entries?.map((e) => e.Cidr ?? '').filter(Boolean)),
    })),
  );
  const failed = withEntries.find((l) => l.kind === 'not-collected');
  if (failed) return failed as Collected<never>;
  return collected(withEntries.map((l) => (l as { value: PrefixList }).value));
}

function tags(list: Tag[] | undefined): Tags {
  return Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

function toNaclEntry(e: NetworkAclEntry): NaclEntry {
  return {
    ruleNumber: e.RuleNumber ?? 32767,
    egress: e.Egress === true,
    protocol: normaliseProtocol(e.Protocol),
    action: e.RuleAction === 'allow' ? 'allow' : 'deny',
    cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '0.0.0.0/0',
    portRange: e.PortRange && e.PortRange.From !== undefined ? { from: e.PortRange.From, to: e.PortRange.To ?? e.PortRange.From } : undefined,
    icmp: e.IcmpTypeCode ? { type: e.IcmpTypeCode.Type ?? -1, code: e.IcmpTypeCode.Code ?? -1 } : undefined,
  };
}

/** One IpPermission names several peers; each becomes its own rule. */
function toSgRules(p: IpPermission): SgRule[] {
  const protocol = normaliseProtocol(p.IpProtocol);
  const ports = protocol === '-1' || p.FromPort === undefined ? undefined : { from: p.FromPort, to: p.ToPort ?? p.FromPort };
  const rule = (peer: SgRule['peer'], description?: string): SgRule => ({ protocol, ports, peer, ...(description ? { description } : {}) });
  return [
    ...(p.IpRanges ?? []).map((r) => rule({ kind: 'cidr', cidr: r.CidrIp ?? '' }, r.Description)),
    ...(p.Ipv6Ranges ?? []).map((r) => rule({ kind: 'cidr', cidr: r.CidrIpv6 ?? '' }, r.Description)),
    ...(p.PrefixListIds ?? []).map((r) => rule({ kind: 'prefix-list', id: r.PrefixListId ?? '' }, r.Description)),
    ...(p.UserIdGroupPairs ?? []).map((r) => rule({ kind: 'group', groupId: r.GroupId ?? '' }, r.Description)),
  ];
}

const ROUTE_TARGETS: [keyof Ec2Route, RouteTargetKind][] = [
  ['NatGatewayId', 'nat-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'peering'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
];

function toRoute(r: Ec2Route): Route {
  const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '';
  const state = r.State === 'blackhole' ? 'blackhole' : 'active';
  const gateway = r.GatewayId ?? '';
  if (gateway === 'local') return { destination, target: { kind: 'local', id: 'local' }, state };
  if (gateway.startsWith('igw-')) return { destination, target: { kind: 'internet-gateway', id: gateway }, state };
  if (gateway.startsWith('vgw-')) return { destination, target: { kind: 'virtual-private-gateway', id: gateway }, state };
  for (const [field, kind] of ROUTE_TARGETS) {
    const id = r[field];
    if (typeof id === 'string' && id) return { destination, target: { kind, id }, state };
  }
  return { destination, target: { kind: 'other', id: gateway || 'unknown' }, state };
}
