import type { Collected } from '../collected';

/** Protocol as a number string, as EC2 stores it for NACLs: "-1" all, "6" tcp, "17" udp, "1" icmp, "58" icmpv6. */
export type ProtocolNumber = string;

export type Tags = Record<string, string>;

export interface PortRange {
  from: number;
  to: number;
}

export interface Vpc {
  id: string;
  arn: string;
  isDefault: boolean;
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
  tags: Tags;
}

export interface Subnet {
  id: string;
  arn: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string;
  ipv6CidrBlocks: string[];
  mapPublicIpOnLaunch: boolean;
  tags: Tags;
}

/** Where a route sends traffic; the kind is read from which target field AWS filled in. */
export type RouteTargetKind = 'local' | 'internet-gateway' | 'egress-only-internet-gateway' | 'nat-gateway' | 'virtual-private-gateway' | 'transit-gateway' | 'peering' | 'instance' | 'network-interface' | 'other';

export interface Route {
  /** An IPv4 or IPv6 CIDR, or a prefix list id (pl-…). */
  destination: string;
  target: { kind: RouteTargetKind; id: string };
  state: 'active' | 'blackhole';
}

export interface RouteTable {
  id: string;
  arn: string;
  vpcId: string;
  /** The VPC's main table: it serves every subnet with no explicit association. */
  main: boolean;
  subnetIds: string[];
  routes: Route[];
  tags: Tags;
}

export interface InternetGateway {
  id: string;
  arn: string;
  attachedVpcIds: string[];
  tags: Tags;
}

export interface NatGateway {
  id: string;
  arn: string;
  vpcId: string;
  subnetId: string;
  state: string;
  connectivityType: 'public' | 'private';
  publicIps: string[];
  tags: Tags;
}

export interface NaclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: ProtocolNumber;
  action: 'allow' | 'deny';
  /** IPv4 or IPv6 CIDR (CidrBlock or Ipv6CidrBlock). */
  cidr: string;
  /** Only for TCP and UDP; absent means every port. */
  portRange?: PortRange;
  icmp?: { type: number; code: number };
}

export interface NetworkAcl {
  id: string;
  arn: string;
  vpcId: string;
  isDefault: boolean;
  subnetIds: string[];
  entries: NaclEntry[];
  tags: Tags;
}

/** Who a security group rule names: an address range, a managed prefix list, or another group. */
export type SgPeer = { kind: 'cidr'; cidr: string } | { kind: 'prefix-list'; id: string } | { kind: 'group'; groupId: string };

export interface SgRule {
  /** Normalised to a number string: tcp → "6", udp → "17", icmp → "1", icmpv6 → "58", all → "-1". */
  protocol: ProtocolNumber;
  /** TCP/UDP: the port range; ICMP: from = type, to = code; absent for all traffic. */
  ports?: PortRange;
  peer: SgPeer;
  description?: string;
}

export interface SecurityGroup {
  id: string;
  arn: string;
  name: string;
  vpcId: string;
  /** The VPC's own group named "default" (every VPC has one and it cannot be deleted). */
  isDefault: boolean;
  ingress: SgRule[];
  egress: SgRule[];
  tags: Tags;
}

export interface PrefixList {
  id: string;
  name: string;
  cidrs: string[];
}

/** An instance as reachability sees it: where it sits, its addresses and groups. */
export interface Instance {
  id: string;
  arn: string;
  state: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  ipv6Addresses: string[];
  securityGroupIds: string[];
  tags: Tags;
}

export interface NetworkInterface {
  id: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  ipv6Addresses: string[];
  securityGroupIds: string[];
  instanceId?: string;
  description: string;
}

/** One region of one account: the pieces a packet's path is decided by. */
export interface NetworkInventory {
  account: string;
  region: string;
  vpcs: Collected<Vpc[]>;
  subnets: Collected<Subnet[]>;
  routeTables: Collected<RouteTable[]>;
  internetGateways: Collected<InternetGateway[]>;
  natGateways: Collected<NatGateway[]>;
  networkAcls: Collected<NetworkAcl[]>;
  securityGroups: Collected<SecurityGroup[]>;
  /** Only the prefix lists that security groups or routes refer to. */
  prefixLists: Collected<PrefixList[]>;
  instances: Collected<Instance[]>;
  networkInterfaces: Collected<NetworkInterface[]>;
}
