import type { TierConfig } from '../../config/sections/network';
import { hostInCidr } from '../../evaluators/network/cidr';
import type { Host, NetworkView } from '../../evaluators/network/path';
import { collected, notCollected, type Collected } from '../../inventory/collected';
import type { Instance, NetworkInventory, PrefixList, SecurityGroup, Subnet, Tags } from '../../inventory/types/network';
import { wildcardMatch } from '../policy-json';

/** Stands for "any address on the internet" (TEST-NET-3): outside every private range and the admin CIDRs. */
export const INTERNET_SAMPLE = '203.0.113.7';
/** The same for IPv6 (documentation prefix 2001:db8::/32). */
export const INTERNET_SAMPLE_IPV6 = '2001:db8::7';

/** Every piece of the region's network configuration, or the first reason one could not be read. */
export function networkView(inventory: NetworkInventory): Collected<NetworkView & { instances: Instance[] }> {
  const pieces = [inventory.vpcs, inventory.subnets, inventory.routeTables, inventory.internetGateways, inventory.natGateways, inventory.networkAcls, inventory.securityGroups, inventory.prefixLists, inventory.instances];
  const missing = pieces.find((p) => p.kind === 'not-collected');
  if (missing && missing.kind === 'not-collected') return missing;
  const value = <T>(c: Collected<T>): T => (c as { value: T }).value;
  // A prefix list named by a rule or route but not read back could hold anything: the view is incomplete.
  const read = new Set(value(inventory.prefixLists).map((p) => p.id));
  const named = [
    ...value(inventory.securityGroups).flatMap((g) => [...g.ingress, ...g.egress].flatMap((r) => (r.peer.kind === 'prefix-list' ? [`${r.peer.id} (${g.id})`] : []))),
    ...value(inventory.routeTables).flatMap((t) => t.routes.flatMap((r) => (r.destination.startsWith('pl-') ? [`${r.destination} (${t.id})`] : []))),
  ];
  const unread = named.filter((n) => !read.has(n.split(' ')[0]));
  if (unread.length > 0) return notCollected(`prefix lists named by rules or routes were not read: ${[...new Set(unread)].join(', ')}`);
  return collected({
    vpcs: value(inventory.vpcs),
    subnets: value(inventory.subnets),
    routeTables: value(inventory.routeTables),
    internetGateways: value(inventory.internetGateways),
    natGateways: value(inventory.natGateways),
    networkAcls: value(inventory.networkAcls),
    securityGroups: value(inventory.securityGroups),
    prefixLists: value(inventory.prefixLists),
    instances: value(inventory.instances),
  });
}

export function prefixListsById(inventory: NetworkInventory): Map<string, PrefixList> {
  return new Map(inventory.prefixLists.kind === 'collected' ? inventory.prefixLists.value.map((p) => [p.id, p]) : []);
}

/** A tier's name glob (`*` any run, `?` one character): the one wildcard matcher of support/rules/policy-json.ts. */
function glob(pattern: string, text: string): boolean {
  return wildcardMatch(pattern, text);
}

/** A tier is found by a tag (Key=Value) or by a name glob on the Name tag (security groups: the group name). */
export function inTier(tier: TierConfig, tags: Tags, groupName?: string): boolean {
  if (tier.tag) {
    const at = tier.tag.indexOf('=');
    return tags[tier.tag.slice(0, at)] === tier.tag.slice(at + 1);
  }
  const name = groupName ?? tags.Name;
  return tier.name !== undefined && name !== undefined && glob(tier.name, name);
}

export interface TierMembers {
  subnets: Subnet[];
  groups: SecurityGroup[];
  instances: Instance[];
}

export function tierMembers(view: NetworkView & { instances: Instance[] }, tier: TierConfig): TierMembers {
  return {
    subnets: view.subnets.filter((s) => inTier(tier, s.tags)),
    groups: view.securityGroups.filter((g) => inTier(tier, g.tags, g.name)),
    instances: view.instances.filter((i) => (i.state === 'running' || i.state === 'pending') && inTier(tier, i.tags)),
  };
}

/**
 * The hosts that stand for a tier: its running instances; with none, an instance as it would be launched
 * into each tier subnet with the tier's security groups (public address if the subnet assigns one).
 */
export function tierHosts(view: NetworkView & { instances: Instance[] }, tierName: string, tier: TierConfig): Host[] {
  const members = tierMembers(view, tier);
  if (members.instances.length > 0) {
    return members.instances.map((i) => ({
      kind: 'host',
      name: `${tierName} tier instance ${i.id}`,
      resource: i.arn,
      vpcId: i.vpcId,
      subnetId: i.subnetId,
      privateIp: i.privateIp,
      publicIp: i.publicIp,
      ipv6Addresses: i.ipv6Addresses,
      securityGroupIds: i.securityGroupIds,
    }));
  }
  return members.subnets.flatMap((subnet) => {
    const groups = members.groups.filter((g) => g.vpcId === subnet.vpcId).map((g) => g.id);
    if (groups.length === 0) return [];
    return [{
      kind: 'host' as const,
      name: `a ${tierName} tier instance launched into ${subnet.id}`,
      resource: subnet.arn,
      vpcId: subnet.vpcId,
      subnetId: subnet.id,
      privateIp: hostInCidr(subnet.cidrBlock, 10),
      publicIp: subnet.mapPublicIpOnLaunch ? 'assigned at launch' : undefined,
      ipv6Addresses: [],
      securityGroupIds: groups,
    }];
  });
}
