import type { InternetGateway, NatGateway, NetworkAcl, PrefixList, ProtocolNumber, Route, RouteTable, SecurityGroup, Subnet, Vpc } from '../../inventory/types/network';
import { addressFamily, cidrContains, isAddress, prefixLength } from './cidr';
import { CLIENT_PORT, describeTraffic, type Packet } from './flow';
import { decideNacl, type Direction } from './nacl';
import { decideSecurityGroups } from './security-group';

/**
 * Can a packet get from a source to a target and its reply get back? Every layer on the way is a hop:
 * the route table (a connection from the internet needs an internet gateway route and a public address),
 * the subnet network ACLs in both directions (stateless), and the security groups (stateful). The first
 * hop that stops the packet decides, and the verdict names it.
 */

/** The configuration a path is decided by: one region of one account. */
export interface NetworkView {
  vpcs: readonly Vpc[];
  subnets: readonly Subnet[];
  routeTables: readonly RouteTable[];
  internetGateways: readonly InternetGateway[];
  natGateways: readonly NatGateway[];
  networkAcls: readonly NetworkAcl[];
  securityGroups: readonly SecurityGroup[];
  prefixLists: readonly PrefixList[];
}

/** An instance (or an instance as it would be placed) inside a VPC. */
export interface Host {
  kind: 'host';
  name: string;
  resource: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  ipv6Addresses: readonly string[];
  securityGroupIds: readonly string[];
}

export type Endpoint = { kind: 'internet'; address: string } | Host;

export type HopLayer = 'route' | 'public-address' | 'network-acl' | 'security-group';

export interface Hop {
  layer: HopLayer;
  /** The deciding resource: rtb-…, acl-…, sg-…, nat-…, or the instance. */
  resource: string;
  direction?: Direction;
  /** NACL rule number or "*"; for security groups the group that allowed, or "stateful" for replies. */
  rule?: string;
  passed: boolean;
  detail: string;
}

export interface PathVerdict {
  reachable: boolean;
  hops: Hop[];
  /** The hop that stopped the packet; for a reachable target, the last hop passed. */
  deciding: Hop;
  explanation: string;
}

/** "network ACL egress rule *", "security group ingress", "route", "public address". */
export function hopLabel(hop: Hop): string {
  if (hop.layer === 'network-acl') return `network ACL ${hop.direction} rule ${hop.rule}`;
  if (hop.layer === 'security-group') return `security group ${hop.direction}`;
  return hop.layer === 'route' ? 'route' : 'public address';
}

export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.kind === 'internet' ? endpoint.address : `${endpoint.name} (${endpoint.privateIp})`;
}

export function routeTableFor(view: NetworkView, subnet: Subnet): RouteTable | undefined {
  return view.routeTables.find((t) => t.subnetIds.includes(subnet.id)) ?? view.routeTables.find((t) => t.main && t.vpcId === subnet.vpcId);
}

export function networkAclFor(view: NetworkView, subnet: Subnet): NetworkAcl | undefined {
  return view.networkAcls.find((a) => a.subnetIds.includes(subnet.id)) ?? view.networkAcls.find((a) => a.isDefault && a.vpcId === subnet.vpcId);
}

/** Longest-prefix match; a prefix-list destination counts with the prefix of the entry that matched. */
export function routeFor(table: RouteTable, address: string, prefixLists: readonly PrefixList[]): Route | undefined {
  let best: { route: Route; length: number } | undefined;
  for (const route of table.routes) {
    const cidrs = route.destination.startsWith('pl-') ? (prefixLists.find((p) => p.id === route.destination)?.cidrs ?? []) : [route.destination];
    for (const cidr of cidrs) {
      if (!cidrContains(cidr, address)) continue;
      const length = prefixLength(cidr);
      if (!best || length > best.length) best = { route, length };
    }
  }
  return best?.route;
}

class Trace {
  readonly hops: Hop[] = [];
  private stopped?: Hop;

  /** Record a hop; returns false once the packet has been stopped, so callers can return early. */
  add(hop: Hop): boolean {
    if (this.stopped) return false;
    this.hops.push(hop);
    if (!hop.passed) this.stopped = hop;
    return hop.passed;
  }

  verdict(): PathVerdict {
    if (this.stopped) {
      const h = this.stopped;
      const at = h.layer === 'network-acl' ? `${h.resource} ${h.direction} rule ${h.rule}` : h.layer === 'security-group' ? `${h.resource} ${h.direction}` : h.resource;
      const detail = h.detail.startsWith(`${h.resource} `) ? h.detail.slice(h.resource.length + 1) : h.detail; // "blocked by rtb-1: has no route…"
      return { reachable: false, hops: this.hops, deciding: h, explanation: `blocked by ${at}: ${detail}` };
    }
    const last = this.hops[this.hops.length - 1];
    return { reachable: true, hops: this.hops, deciding: last, explanation: `allowed: ${this.hops.map((h) => h.detail).join('; ')}` };
  }
}

interface Flow {
  protocol: ProtocolNumber;
  port: number;
}

export function canReach(view: NetworkView, source: Endpoint, target: Endpoint, flow: Flow): PathVerdict {
  const trace = new Trace();
  if (source.kind === 'internet' && target.kind === 'internet') throw new Error('a path needs at least one end inside a VPC');
  if (source.kind === 'internet') inbound(view, trace, source.address, target as Host, flow);
  else if (target.kind === 'internet') outbound(view, trace, source, target.address, flow);
  else insideVpc(view, trace, source, target, flow);
  return trace.verdict();
}

function subnetOf(view: NetworkView, host: Host): Subnet {
  const subnet = view.subnets.find((s) => s.id === host.subnetId);
  if (!subnet) throw new Error(`${host.name}: subnet ${host.subnetId} is not in the inventory`);
  return subnet;
}

function groupsOf(view: NetworkView, host: Host): SecurityGroup[] {
  return host.securityGroupIds.map((id) => view.securityGroups.find((g) => g.id === id)).filter((g): g is SecurityGroup => Boolean(g));
}

function prefixListMap(view: NetworkView): Map<string, PrefixList> {
  return new Map(view.prefixLists.map((p) => [p.id, p]));
}

/** A NACL hop for one packet; `reply` marks the return leg, where statelessness bites. */
function naclHop(view: NetworkView, subnet: Subnet, direction: Direction, packet: Packet, reply: boolean): Hop {
  const acl = networkAclFor(view, subnet);
  if (!acl) return { layer: 'network-acl', resource: subnet.id, direction, rule: '?', passed: false, detail: `no network ACL is associated with ${subnet.id}` };
  const decision = decideNacl(acl, direction, packet);
  const allowed = decision.action === 'allow';
  const peer = direction === 'ingress' ? packet.source : packet.destination;
  const traffic = describeTraffic(packet.protocol, { from: packet.port, to: packet.port });
  const verdict = allowed ? 'allowed' : decision.rule === '*' ? 'not allowed' : 'denied';
  const detail = reply
    ? `return traffic ${direction === 'ingress' ? `from ${packet.source} to ${packet.destination}:${packet.port}` : `to ${packet.destination}:${packet.port}`} is ${verdict}${allowed ? ` by ${acl.id} ${direction} rule ${decision.rule}` : ' (NACLs are stateless)'}`
    : `${traffic} ${direction === 'ingress' ? 'from' : 'to'} ${peer} is ${verdict}${allowed ? ` by ${acl.id} ${direction} rule ${decision.rule}` : ''}`;
  return { layer: 'network-acl', resource: acl.id, direction, rule: decision.rule, passed: allowed, detail };
}

function sgHop(view: NetworkView, host: Host, direction: Direction, flow: Flow, other: { address: string; groupIds: readonly string[] }): Hop {
  const decision = decideSecurityGroups(groupsOf(view, host), direction, { protocol: flow.protocol, port: flow.port, other }, prefixListMap(view));
  const resource = decision.allowed ? decision.groupId : host.securityGroupIds.join(',') || host.name;
  return { layer: 'security-group', resource, direction, rule: decision.allowed ? decision.groupId : undefined, passed: decision.allowed, detail: decision.explanation };
}

function statefulReply(host: Host, direction: Direction): Hop {
  return { layer: 'security-group', resource: host.securityGroupIds.join(',') || host.name, direction, rule: 'stateful', passed: true, detail: 'the reply passes the security groups without a rule of its own (security groups are stateful)' };
}

function internetRoute(view: NetworkView, subnet: Subnet, address: string): { hop: Hop; via?: { kind: 'igw' } | { kind: 'eigw' } | { kind: 'nat'; nat: NatGateway } } {
  const table = routeTableFor(view, subnet);
  if (!table) return { hop: { layer: 'route', resource: subnet.id, passed: false, detail: `${subnet.id} has no route table` } };
  const route = routeFor(table, address, view.prefixLists);
  const fail = (detail: string): { hop: Hop } => ({ hop: { layer: 'route', resource: table.id, passed: false, detail } });
  if (!route) return fail(`${table.id} has no route to ${address}`);
  if (route.state !== 'active') return fail(`${table.id} sends ${address} to ${route.target.id}, a blackhole`);
  const pass = (detail: string): Hop => ({ layer: 'route', resource: table.id, passed: true, detail });
  if (route.target.kind === 'internet-gateway') {
    const igw = view.internetGateways.find((g) => g.id === route.target.id);
    if (!igw?.attachedVpcIds.includes(subnet.vpcId)) return fail(`${table.id} sends ${address} to ${route.target.id}, which is not attached to ${subnet.vpcId}`);
    return { hop: pass(`${table.id} routes ${route.destination} to ${igw.id}`), via: { kind: 'igw' } };
  }
  if (route.target.kind === 'nat-gateway') {
    const nat = view.natGateways.find((n) => n.id === route.target.id);
    if (!nat) return fail(`${table.id} sends ${address} to ${route.target.id}, which does not exist`);
    return { hop: pass(`${table.id} routes ${route.destination} to ${nat.id}`), via: { kind: 'nat', nat } };
  }
  if (route.target.kind === 'egress-only-internet-gateway') return { hop: pass(`${table.id} routes ${route.destination} to the egress-only gateway ${route.target.id}`), via: { kind: 'eigw' } };
  return fail(`${table.id} sends ${address} to ${route.target.id} (${route.target.kind}), not to the internet`);
}

function inbound(view: NetworkView, trace: Trace, from: string, target: Host, flow: Flow): void {
  const subnet = subnetOf(view, target);
  const route = internetRoute(view, subnet, from);
  if (route.via?.kind === 'nat' || route.via?.kind === 'eigw') {
    const gateway = route.via.kind === 'nat' ? 'a NAT gateway' : 'an egress-only internet gateway';
    trace.add({ ...route.hop, passed: false, detail: `${route.hop.detail}: ${gateway} carries only connections started from inside, so nothing from ${from} reaches ${target.name}` });
    return;
  }
  if (!trace.add(route.hop)) return;
  const v6 = addressFamily(from) === 'ipv6';
  const publicAddress = v6 ? target.ipv6Addresses[0] : target.publicIp;
  if (!trace.add({ layer: 'public-address', resource: target.resource, passed: Boolean(publicAddress), detail: publicAddress ? `${target.name} has the public address ${publicAddress}` : `${target.name} has no ${v6 ? 'IPv6' : 'public IPv4'} address, so the internet cannot address it` })) return;
  const address = v6 ? (publicAddress as string) : target.privateIp;
  if (!trace.add(naclHop(view, subnet, 'ingress', { protocol: flow.protocol, source: from, destination: address, port: flow.port }, false))) return;
  if (!trace.add(sgHop(view, target, 'ingress', flow, { address: from, groupIds: [] }))) return;
  trace.add(statefulReply(target, 'egress'));
  trace.add(naclHop(view, subnet, 'egress', { protocol: flow.protocol, source: address, destination: from, port: CLIENT_PORT }, true));
}

function outbound(view: NetworkView, trace: Trace, source: Host, to: string, flow: Flow): void {
  const subnet = subnetOf(view, source);
  const v6 = addressFamily(to) === 'ipv6';
  const address = v6 ? (source.ipv6Addresses[0] ?? source.privateIp) : source.privateIp;
  if (!trace.add(sgHop(view, source, 'egress', flow, { address: to, groupIds: [] }))) return;
  if (!trace.add(naclHop(view, subnet, 'egress', { protocol: flow.protocol, source: address, destination: to, port: flow.port }, false))) return;
  const route = internetRoute(view, subnet, to);
  if (!trace.add(route.hop)) return;
  if (route.via?.kind === 'igw' || route.via?.kind === 'eigw') {
    const publicAddress = v6 ? source.ipv6Addresses[0] : source.publicIp;
    if (!trace.add({ layer: 'public-address', resource: source.resource, passed: Boolean(publicAddress), detail: publicAddress ? `${source.name} has the public address ${publicAddress}` : `${source.name} has no public address: an internet gateway route alone does not make replies come back` })) return;
  } else if (route.via?.kind === 'nat') {
    if (!natForwards(view, trace, route.via.nat, address, to, flow, v6)) return;
  }
  trace.add(statefulReply(source, 'ingress'));
  trace.add(naclHop(view, subnet, 'ingress', { protocol: flow.protocol, source: to, destination: address, port: CLIENT_PORT }, true));
}

/** The NAT gateway's own subnet: it must reach the internet, and its NACL must pass both legs both ways. */
function natForwards(view: NetworkView, trace: Trace, nat: NatGateway, from: string, to: string, flow: Flow, v6: boolean): boolean {
  const natHop = (passed: boolean, detail: string): Hop => ({ layer: 'route', resource: nat.id, passed, detail });
  if (v6) return trace.add(natHop(false, `${nat.id} translates IPv4 only`));
  if (nat.state !== 'available') return trace.add(natHop(false, `${nat.id} is ${nat.state}`));
  if (nat.connectivityType !== 'public') return trace.add(natHop(false, `${nat.id} is a private NAT gateway: it does not reach the internet`));
  const natSubnet = view.subnets.find((s) => s.id === nat.subnetId);
  if (!natSubnet) return trace.add(natHop(false, `${nat.id} sits in ${nat.subnetId}, which is not in the inventory`));
  const onward = internetRoute(view, natSubnet, to);
  if (onward.via?.kind !== 'igw') return trace.add({ ...onward.hop, passed: false, detail: `${nat.id} sits in ${natSubnet.id}, which is not a public subnet: ${onward.hop.detail}` });
  if (!trace.add({ ...onward.hop, detail: `${nat.id} sits in the public subnet ${natSubnet.id}: ${onward.hop.detail}` })) return false;
  const natAddress = nat.publicIps[0] ?? natSubnet.cidrBlock;
  const legs: [Direction, Packet, boolean][] = [
    ['ingress', { protocol: flow.protocol, source: from, destination: to, port: flow.port }, false],
    ['egress', { protocol: flow.protocol, source: natAddress, destination: to, port: flow.port }, false],
    ['ingress', { protocol: flow.protocol, source: to, destination: natAddress, port: CLIENT_PORT }, true],
    ['egress', { protocol: flow.protocol, source: to, destination: from, port: CLIENT_PORT }, true],
  ];
  return legs.every(([direction, packet, reply]) => trace.add(naclHop(view, natSubnet, direction, packet, reply)));
}

function insideVpc(view: NetworkView, trace: Trace, source: Host, target: Host, flow: Flow): void {
  const from = subnetOf(view, source);
  const to = subnetOf(view, target);
  if (source.vpcId !== target.vpcId) {
    trace.add({ layer: 'route', resource: source.vpcId, passed: false, detail: `${source.name} is in ${source.vpcId} and ${target.name} in ${target.vpcId}: no local route joins them (peering and transit gateways are not evaluated)` });
    return;
  }
  const table = routeTableFor(view, from);
  const local = table?.routes.find((r) => r.target.kind === 'local' && isCidr(r.destination) && cidrContains(r.destination, target.privateIp));
  if (!trace.add({ layer: 'route', resource: table?.id ?? from.id, passed: Boolean(local), detail: local ? `${table?.id} routes ${local.destination} locally` : `no local route to ${target.privateIp}` })) return;
  const crossesSubnets = from.id !== to.id; // NACLs filter only traffic entering or leaving a subnet
  const forward = { protocol: flow.protocol, source: source.privateIp, destination: target.privateIp, port: flow.port };
  const reply = { protocol: flow.protocol, source: target.privateIp, destination: source.privateIp, port: CLIENT_PORT };
  if (!trace.add(sgHop(view, source, 'egress', flow, { address: target.privateIp, groupIds: target.securityGroupIds }))) return;
  if (crossesSubnets && !trace.add(naclHop(view, from, 'egress', forward, false))) return;
  if (crossesSubnets && !trace.add(naclHop(view, to, 'ingress', forward, false))) return;
  if (!trace.add(sgHop(view, target, 'ingress', flow, { address: source.privateIp, groupIds: source.securityGroupIds }))) return;
  trace.add(statefulReply(target, 'egress'));
  if (crossesSubnets && !trace.add(naclHop(view, to, 'egress', reply, true))) return;
  if (crossesSubnets) trace.add(naclHop(view, from, 'ingress', reply, true));
}

function isCidr(text: string): boolean {
  const [address, bits] = text.split('/');
  return bits !== undefined && isAddress(address);
}
