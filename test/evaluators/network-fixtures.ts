import type { Host, NetworkView } from '../../support/evaluators/network/path';
import { collected, notCollected } from '../../support/inventory/collected';
import type { Instance, NaclEntry, NetworkAcl, NetworkInventory, SecurityGroup, SgRule } from '../../support/inventory/types/network';

/** The reference two-tier layout as plain data, for table tests of the pure evaluators and rules. */

export const allow = (rule: number, cidr: string, from?: number, to = from, protocol = '6'): NaclEntry => ({ ruleNumber: rule, egress: false, protocol, action: 'allow', cidr, ...(from !== undefined ? { portRange: { from, to: to as number } } : {}) });
export const deny = (rule: number, cidr: string, from?: number, to = from, protocol = '6'): NaclEntry => ({ ...allow(rule, cidr, from, to, protocol), action: 'deny' });
export const out = (entry: NaclEntry): NaclEntry => ({ ...entry, egress: true });
export const star = (egress: boolean): NaclEntry => ({ ruleNumber: 32767, egress, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' });

export const acl = (id: string, entries: NaclEntry[], extra: Partial<NetworkAcl> = {}): NetworkAcl => ({
  id,
  arn: `arn:aws:ec2:us-east-1:111122223333:network-acl/${id}`,
  vpcId: 'vpc-1',
  isDefault: false,
  subnetIds: [],
  entries: [...entries, star(false), star(true)],
  tags: {},
  ...extra,
});

export const tcp = (port: number, cidr: string): SgRule => ({ protocol: '6', ports: { from: port, to: port }, peer: { kind: 'cidr', cidr } });
export const tcpFromGroup = (port: number, groupId: string): SgRule => ({ protocol: '6', ports: { from: port, to: port }, peer: { kind: 'group', groupId } });
export const allTraffic = (cidr: string): SgRule => ({ protocol: '-1', peer: { kind: 'cidr', cidr } });

export const group = (id: string, ingress: SgRule[], egress: SgRule[] = [allTraffic('0.0.0.0/0')], extra: Partial<SecurityGroup> = {}): SecurityGroup => ({
  id,
  arn: `arn:aws:ec2:us-east-1:111122223333:security-group/${id}`,
  name: id,
  vpcId: 'vpc-1',
  isDefault: false,
  ingress,
  egress,
  tags: {},
  ...extra,
});

export const ADMIN = '198.51.100.0/24';
export const EPHEMERAL: [number, number] = [1024, 65535];

export function publicAclEntries(): NaclEntry[] {
  return [
    allow(100, '0.0.0.0/0', 80),
    allow(110, '0.0.0.0/0', 443),
    allow(120, ADMIN, 22),
    deny(140, '0.0.0.0/0', 3389),
    allow(150, '0.0.0.0/0', ...EPHEMERAL),
    out(allow(100, '0.0.0.0/0', 80)),
    out(allow(110, '0.0.0.0/0', 443)),
    out(allow(120, '10.0.2.0/24', 3306)),
    out(allow(150, '0.0.0.0/0', ...EPHEMERAL)),
  ];
}

export function privateAclEntries(): NaclEntry[] {
  return [
    allow(100, '10.0.1.0/24', 3306),
    deny(140, '0.0.0.0/0', 3389),
    allow(150, '0.0.0.0/0', ...EPHEMERAL),
    out(allow(100, '0.0.0.0/0', 80)),
    out(allow(110, '0.0.0.0/0', 443)),
    out(allow(150, '10.0.1.0/24', ...EPHEMERAL)),
  ];
}

export function twoTier(overrides: { publicAcl?: NaclEntry[]; privateAcl?: NaclEntry[]; web?: SecurityGroup; db?: SecurityGroup; privateDefaultRoute?: 'nat' | 'igw' } = {}): NetworkView & { instances: Instance[] } {
  const subnet = (id: string, cidr: string, tier: string, publicIp: boolean) => ({ id, arn: `arn:aws:ec2:us-east-1:111122223333:subnet/${id}`, vpcId: 'vpc-1', availabilityZone: 'us-east-1a', cidrBlock: cidr, ipv6CidrBlocks: [], mapPublicIpOnLaunch: publicIp, tags: { Tier: tier } });
  const local = { destination: '10.0.0.0/16', target: { kind: 'local' as const, id: 'local' }, state: 'active' as const };
  const viaIgw = { destination: '0.0.0.0/0', target: { kind: 'internet-gateway' as const, id: 'igw-1' }, state: 'active' as const };
  const viaNat = { destination: '0.0.0.0/0', target: { kind: 'nat-gateway' as const, id: 'nat-1' }, state: 'active' as const };
  const instance = (id: string, subnetId: string, privateIp: string, groupId: string, tier: string, publicIp?: string): Instance => ({ id, arn: `arn:aws:ec2:us-east-1:111122223333:instance/${id}`, state: 'running', vpcId: 'vpc-1', subnetId, privateIp, publicIp, ipv6Addresses: [], securityGroupIds: [groupId], tags: { Tier: tier } });
  return {
    vpcs: [{ id: 'vpc-1', arn: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1', isDefault: false, cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: [], tags: {} }],
    subnets: [subnet('subnet-pub', '10.0.1.0/24', 'web', true), subnet('subnet-priv', '10.0.2.0/24', 'db', false)],
    routeTables: [
      { id: 'rtb-main', arn: 'arn:rtb-main', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [local], tags: {} },
      { id: 'rtb-pub', arn: 'arn:rtb-pub', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-pub'], routes: [local, viaIgw], tags: {} },
      { id: 'rtb-priv', arn: 'arn:rtb-priv', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-priv'], routes: [local, overrides.privateDefaultRoute === 'igw' ? viaIgw : viaNat], tags: {} },
    ],
    internetGateways: [{ id: 'igw-1', arn: 'arn:igw-1', attachedVpcIds: ['vpc-1'], tags: {} }],
    natGateways: [{ id: 'nat-1', arn: 'arn:nat-1', vpcId: 'vpc-1', subnetId: 'subnet-pub', state: 'available', connectivityType: 'public', publicIps: ['192.0.2.50'], tags: {} }],
    networkAcls: [
      acl('acl-default', [allow(100, '0.0.0.0/0', undefined, undefined, '-1'), out(allow(100, '0.0.0.0/0', undefined, undefined, '-1'))], { isDefault: true }),
      acl('acl-pub', overrides.publicAcl ?? publicAclEntries(), { subnetIds: ['subnet-pub'] }),
      acl('acl-priv', overrides.privateAcl ?? privateAclEntries(), { subnetIds: ['subnet-priv'] }),
    ],
    securityGroups: [
      overrides.web ?? group('sg-web', [tcp(80, '0.0.0.0/0'), tcp(443, '0.0.0.0/0'), tcp(22, ADMIN)], [tcpFromGroup(3306, 'sg-db'), tcp(443, '0.0.0.0/0')], { tags: { Tier: 'web' } }),
      overrides.db ?? group('sg-db', [tcpFromGroup(3306, 'sg-web')], [tcp(443, '0.0.0.0/0')], { tags: { Tier: 'db' } }),
      group('sg-default', [], [], { isDefault: true, name: 'default' }),
    ],
    prefixLists: [],
    instances: [instance('i-web', 'subnet-pub', '10.0.1.4', 'sg-web', 'web', '54.0.0.10'), instance('i-db', 'subnet-priv', '10.0.2.4', 'sg-db', 'db')],
  };
}

export function hostOf(view: ReturnType<typeof twoTier>, id: string): Host {
  const i = view.instances.find((x) => x.id === id)!;
  return { kind: 'host', name: i.id, resource: i.arn, vpcId: i.vpcId, subnetId: i.subnetId, privateIp: i.privateIp, publicIp: i.publicIp, ipv6Addresses: i.ipv6Addresses, securityGroupIds: i.securityGroupIds };
}

export function inventoryOf(view: ReturnType<typeof twoTier>, unreadable: Partial<Record<keyof NetworkInventory, string>> = {}): NetworkInventory {
  const piece = <K extends keyof NetworkInventory>(key: K, value: unknown) => (unreadable[key] ? notCollected(unreadable[key] as string) : collected(value)) as never;
  return {
    account: '111122223333',
    region: 'us-east-1',
    vpcs: piece('vpcs', view.vpcs),
    subnets: piece('subnets', view.subnets),
    routeTables: piece('routeTables', view.routeTables),
    internetGateways: piece('internetGateways', view.internetGateways),
    natGateways: piece('natGateways', view.natGateways),
    networkAcls: piece('networkAcls', view.networkAcls),
    securityGroups: piece('securityGroups', view.securityGroups),
    prefixLists: piece('prefixLists', view.prefixLists),
    instances: piece('instances', view.instances),
    networkInterfaces: piece('networkInterfaces', []),
  };
}
