import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { loggingRegionGate, organizationOf, organizationTrailCandidates, organizationTrailProblems } from './facts';

export const meta: RuleMeta = {
  id: 'logging.organization-trail',
  title: 'An organization trail, multi-region with global service events and all management events, is logging in every audited region',
  domain: 'logging',
  severity: 'high',
  cis: '3.1',
  rationale:
    'One organization trail created in the management account records the API activity of every member account in every region, including global services (IAM, STS) — members need no trails of their own and cannot turn it off. A trail that is stopped, single-region or account-only leaves blind spots.',
  remediation:
    'aws cloudtrail create-trail --name organization-trail --s3-bucket-name <bucket> --is-organization-trail --is-multi-region-trail --include-global-service-events --enable-log-file-validation --kms-key-id <key-arn> && aws cloudtrail start-logging --name organization-trail',
};

/** Judged per region: the trail must be seen (as home or shadow trail) in each audited region. */
export const organizationTrail: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, { account, region, config }) {
    const gate = loggingRegionGate(config, region);
    if (gate) return gate;
    if (inventory.trails.kind === 'not-collected') return notVerified(inventory.trails.reason);
    const org = organizationOf(inventory);
    if (org.kind === 'unreadable') return notVerified(`the organization: ${org.why}`);
    const managementAccount = org.kind === 'known' ? org.value.managementAccountId : null;
    const candidates = organizationTrailCandidates(inventory.trails.value, config);
    const unreadableOf = (t: (typeof candidates)[number]) => [t.status, ...(t.home ? [t.home.eventSelectors] : [])].flatMap((c) => (c.kind === 'not-collected' ? [c.reason] : []));
    const examined = candidates.map((t) => ({
      trail: t.arn,
      homeRegion: t.homeRegion,
      isOrganizationTrail: t.isOrganizationTrail,
      isMultiRegion: t.isMultiRegion,
      includeGlobalServiceEvents: t.includeGlobalServiceEvents,
      isLogging: t.status.kind === 'collected' ? t.status.value.isLogging : null,
      // Selectors are read in the trail's home region; a shadow trail is judged on them there.
      eventSelectors: t.home?.eventSelectors.kind === 'collected' ? t.home.eventSelectors.value : null,
      problems: organizationTrailProblems(t, managementAccount),
      unreadable: unreadableOf(t),
    }));
    const evidence = { region, organization: org.kind === 'known' ? { id: org.value.id, managementAccount } : org.kind, trails: examined };
    const wanted = config.logging.trailName ? `the trail "${config.logging.trailName}" (logging.trailName)` : 'an organization trail';
    if (org.kind === 'known' && examined.some((t) => t.problems.length === 0 && t.unreadable.length === 0)) return verdictFrom({ findings: [], checked: candidates.length, evidence });
    const unreadable = examined.flatMap((t) => t.unreadable);

    const findings: Finding[] = [];
    if (org.kind === 'none') findings.push({ resource: `arn:aws:organizations::${account}:account`, account, region, problem: 'the account is in no organization, so no organization trail can cover it' });
    if (candidates.length === 0 && inventory.trails.value.length === 0) {
      findings.push({ resource: `arn:aws:cloudtrail:${region}:${account}:trail/*`, account, region, problem: `${wanted} is not visible in ${region}: no trail is` });
    }
    // No candidate, but other trails: say what keeps each of them from being the organization trail.
    if (candidates.length === 0) {
      for (const t of inventory.trails.value) findings.push({ resource: t.arn, account, region, problem: `is not ${wanted}: ${organizationTrailProblems(t, managementAccount).join('; ') || 'its name differs'}` });
    }
    for (const t of examined) if (t.problems.length > 0) findings.push({ resource: t.trail, account, region, problem: t.problems.join('; ') });
    return verdictFrom({ findings, checked: candidates.length, unreadable, evidence });
  },
};
