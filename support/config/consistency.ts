import ipaddr from 'ipaddr.js';
import { closestRegion, KNOWN_REGIONS } from './aws-regions';
import type { PostureConfig } from './schema';

/** A value that passes its own schema but cannot be right: the field (as in the file) and why. */
export interface ConfigIssue {
  field: string;
  problem: string;
}

/**
 * Values checked against each other and against the known AWS region list, after the schema: the first
 * problem only (one line). An omitted `regions` (every enabled region) is valid; `logging.regions` is then
 * checked against the known list only.
 */
export function consistencyIssue(config: PostureConfig): ConfigIssue | undefined {
  return [...regionIssues(config), ...cidrIssues(config), ...tierIssues(config)][0];
}

function regionIssues(config: PostureConfig): ConfigIssue[] {
  const regions = (config as { regions?: string[] }).regions;
  const lists: [string, readonly string[] | undefined][] = [
    ['regions', regions],
    ['logging.regions', config.logging.regions],
    ['organization.allowedRegions', config.organization.allowedRegions],
    ['organization.outsideRegionProbes', config.organization.outsideRegionProbes],
  ];
  const issues: ConfigIssue[] = [];
  for (const [field, list] of lists) {
    (list ?? []).forEach((region, i) => {
      if (KNOWN_REGIONS.includes(region)) return;
      const guess = closestRegion(region);
      issues.push({ field: `${field}[${i}]`, problem: `"${region}" is not an AWS region${guess ? ` (did you mean ${guess}?)` : ''}` });
    });
  }
  if (regions && regions.length > 0) {
    config.logging.regions.forEach((region, i) => {
      if (KNOWN_REGIONS.includes(region) && !regions.includes(region)) issues.push({ field: `logging.regions[${i}]`, problem: `"${region}" is not one of the audited regions (${regions.join(', ')}); add it to regions or remove it here` });
    });
  }
  return issues;
}

function cidrIssues(config: PostureConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.network.adminCidrs.forEach((cidr, i) => {
    const network = hostBitsSet(cidr);
    if (network) issues.push({ field: `network.adminCidrs[${i}]`, problem: `${cidr} has host bits set: the block is ${network}` });
  });
  return issues;
}

function tierIssues(config: PostureConfig): ConfigIssue[] {
  const tiers = Object.keys(config.network.tiers);
  const issues: ConfigIssue[] = [];
  for (const [name, tier] of Object.entries(config.network.tiers)) {
    (tier.reachableFrom ?? []).forEach((from, i) => {
      if (!tiers.includes(from)) issues.push({ field: `network.tiers.${name}.reachableFrom[${i}]`, problem: `"${from}" is not a tier (tiers: ${tiers.join(', ')})` });
    });
  }
  return issues;
}

/** For a block written with host bits (198.51.100.7/24): its network (198.51.100.0/24); otherwise undefined. */
function hostBitsSet(cidr: string): string | undefined {
  try {
    const [address, bits] = ipaddr.parseCIDR(cidr.trim());
    const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr.trim()) : ipaddr.IPv6.networkAddressFromCIDR(cidr.trim());
    return network.toString() === address.toString() ? undefined : `${network.toString()}/${bits}`;
  } catch {
    return undefined; // not a CIDR: the schema has said so already
  }
}
