import type * as EC2 from '@aws-sdk/client-ec2';
import type { PostureConfig } from '../config/schema';
import type { AccountAccess } from './accounts';
import type { ClientFactory } from './clients';

/** Where the region list is asked when none is pinned: the SDK's own default, else us-east-1. */
export function defaultHomeRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** `regions` pinned in the posture config: audit exactly those. Omitted (or empty): every enabled region. */
export function regionsPinned(config: PostureConfig): boolean {
  return config.regions.length > 0;
}

/**
 * The regions enabled for this account: DescribeRegions with AllRegions and the opt-in status, keeping
 * "opt-in-not-required" and "opted-in" (a region the account has not opted in to cannot hold resources).
 * The home region comes first.
 */
export async function enabledRegions(reads: ClientFactory, account: AccountAccess, home: string): Promise<string[]> {
  // Loaded when asked (2 MB of SDK): an audit with pinned regions starts its collectors without it.
  const { DescribeRegionsCommand, EC2Client } = require('@aws-sdk/client-ec2') as typeof EC2;
  const answer = await reads.client(EC2Client, account, home).send(new DescribeRegionsCommand({ AllRegions: true }));
  const enabled = (answer.Regions ?? [])
    .filter((r) => r.OptInStatus === undefined || r.OptInStatus === 'opt-in-not-required' || r.OptInStatus === 'opted-in')
    .map((r) => r.RegionName ?? '')
    .filter((r) => r && partitionOf(r) === partitionOf(home)) // credentials of one partition reach only its regions
    .sort();
  if (enabled.length === 0) throw new Error(`EC2 DescribeRegions in ${home} listed no enabled region for account ${account.accountId}`);
  return enabled.includes(home) ? [home, ...enabled.filter((r) => r !== home)] : enabled;
}

/** aws, aws-us-gov or aws-cn: an account and its credentials live in one (an emulator may list them all). */
export function partitionOf(region: string): string {
  return region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws';
}

/** The regions this account's audit covers, and the config with them filled in (collectors read config.regions). */
export async function auditedRegions(config: PostureConfig, reads: ClientFactory, account: AccountAccess, home: string): Promise<{ regions: string[]; config: PostureConfig; source: 'pinned' | 'enabled' }> {
  if (regionsPinned(config)) return { regions: config.regions, config, source: 'pinned' };
  const regions = await enabledRegions(reads, account, home);
  return { regions, config: { ...config, regions }, source: 'enabled' };
}
