import { asArray, wildcardMatch } from '../policy-json';
import { loggingRegions } from '../../config/sections/logging';
import type { PostureConfig } from '../../config/schema';
import type { EventSelectorFacts, LoggingInventory, TrailFacts } from '../../inventory/types/logging';
import type { OrganizationFacts } from '../../inventory/types/organizations';
import type { PolicyStatement } from '../../inventory/types/s3';
import { notApplicable, notVerified, type RuleResult } from '../types';

export const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';

/** Trails whose home is this region: their details were read here, so each is judged exactly once. */
export function homeTrails(trails: readonly TrailFacts[]): TrailFacts[] {
  return trails.filter((t) => t.home !== null);
}

/** Whether the logging controls insist on this region (`logging.regions`, else every audited region). */
export function isLoggingRegion(config: PostureConfig, region: string): boolean {
  return loggingRegions(config).includes(region);
}

/** Regions `logging.regions` insists on that the run does not audit: they cannot be verified. */
export function unauditedLoggingRegions(config: PostureConfig): string[] {
  return loggingRegions(config).filter((r) => !config.regions.includes(r));
}

/** The regional check's gate: not applicable outside logging.regions, not verified when a listed region is not audited. */
export function loggingRegionGate(config: PostureConfig, region: string): RuleResult | null {
  const unaudited = unauditedLoggingRegions(config);
  if (unaudited.length > 0) return notVerified(`logging.regions lists ${unaudited.join(', ')}, which the run does not audit (add to regions)`);
  return isLoggingRegion(config, region) ? null : notApplicable(`${region} is not in logging.regions`);
}

/**
 * The trails that claim to be the organization trail: the one named in `logging.trailName`, else every
 * trail that says it is an organization trail.
 */
export function organizationTrailCandidates(trails: readonly TrailFacts[], config: PostureConfig): TrailFacts[] {
  const name = config.logging.trailName;
  return trails.filter((t) => (name ? t.name === name || t.arn === name : t.isOrganizationTrail));
}

/** The organization, when the organizations inventory could read it. */
export function organizationOf(inventory: LoggingInventory): { kind: 'known'; value: OrganizationFacts } | { kind: 'none' } | { kind: 'unreadable'; why: string } {
  const org = inventory.organizations.organization;
  if (org.kind === 'not-collected') return { kind: 'unreadable', why: org.reason };
  return org.value ? { kind: 'known', value: org.value } : { kind: 'none' };
}

/** What is wrong with a trail as the organization's trail, one phrase per property. */
export function organizationTrailProblems(trail: TrailFacts, managementAccount: string | null): string[] {
  const problems: string[] = [];
  if (!trail.isOrganizationTrail) problems.push('IsOrganizationTrail is false (it records only its own account)');
  else if (managementAccount && trail.owner !== managementAccount) problems.push(`is owned by ${trail.owner}, not the management account ${managementAccount}`);
  if (!trail.isMultiRegion) problems.push('IsMultiRegionTrail is false (it records only its home region)');
  if (!trail.includeGlobalServiceEvents) problems.push('IncludeGlobalServiceEvents is false (IAM, STS and other global events are not recorded)');
  if (trail.status.kind === 'collected' && !trail.status.value.isLogging) problems.push('IsLogging is false (logging is stopped)');
  const selectors = trail.home?.eventSelectors;
  if (selectors?.kind === 'collected') problems.push(...managementEventProblems(selectors.value));
  return problems;
}

/**
 * CIS 3.1 asks for all management events, read and write. A trail with no selectors at all has the
 * default one (all management events); advanced selectors count when one selects the Management category.
 */
export function managementEventProblems(selectors: EventSelectorFacts): string[] {
  if (selectors.advancedCount > 0) return selectors.advancedManagement ? [] : ['its advanced event selectors select no management events'];
  if (selectors.classic.length === 0) return [];
  const all = selectors.classic.some((s) => s.includeManagementEvents && s.readWriteType === 'All');
  if (all) return [];
  const recorded = selectors.classic.filter((s) => s.includeManagementEvents).map((s) => s.readWriteType);
  return [recorded.length > 0 ? `its event selectors record only ${recorded.join(', ')} management events, not All` : 'its event selectors exclude management events'];
}

export { asArray, wildcardMatch } from '../policy-json';

export function namesService(statement: PolicyStatement, service: string): boolean {
  const principal = statement.Principal;
  if (!principal || typeof principal !== 'object') return false;
  return asArray((principal as Record<string, unknown>).Service as string | string[] | undefined).includes(service);
}

export function allowsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !asArray(statement.NotAction).some((a) => wildcardMatch(a, action, true));
  return asArray(statement.Action).some((a) => wildcardMatch(a, action, true));
}

/** How CloudTrail encrypts a trail's log files: SSE-S3 unless a KMS key is set on the trail. */
export function logFileEncryption(trail: { kmsKeyId: string | null }): { encryption: 'SSE-S3'; explanation: string } | { encryption: 'SSE-KMS'; key: string; explanation: string } {
  return trail.kmsKeyId
    ? { encryption: 'SSE-KMS', key: trail.kmsKeyId, explanation: `KmsKeyId is ${trail.kmsKeyId}: CloudTrail encrypts each log file with a data key from that KMS key` }
    : { encryption: 'SSE-S3', explanation: 'KmsKeyId is not set: CloudTrail log files get the default SSE-S3 (AES-256) encryption' };
}
