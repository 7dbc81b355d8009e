import type { PostureConfig } from '../../config/schema';
import { evaluatePermission, IDENTITY_LEVEL, type PermissionDecision } from '../../evaluators/permissions/evaluate';
import { organizationView } from '../../evaluators/permissions/organization-chain';
import type { LoggingInventory, TrailFacts } from '../../inventory/types/logging';
import type { MemberAccount } from '../../inventory/types/organizations';
import type { Finding, RuleContext } from '../types';
import { organizationTrailCandidates } from './facts';

/** The member-side facts the two member controls decide on. */
export type MemberScene =
  | { kind: 'decided'; result: 'not-applicable' | 'not-verified'; why: string }
  | { kind: 'findings'; findings: Finding[]; evidence: unknown }
  | { kind: 'members'; trails: TrailFacts[]; members: MemberAccount[]; managementAccount: string; view: Extract<ReturnType<typeof organizationView>, { kind: 'organization' }> };

const describeTrails = (trails: readonly TrailFacts[]) => trails.map((t) => `${t.arn} with IsOrganizationTrail ${t.isOrganizationTrail}`).join(', ') || 'none';

/**
 * Where the organization trail is judged from the members' side: in its home region only (it is one
 * trail); when none is visible at all, the finding is raised once, in the first audited region.
 */
export function memberScene(inventory: LoggingInventory, { account, region, config }: RuleContext<PostureConfig>): MemberScene {
  if (inventory.trails.kind === 'not-collected') return { kind: 'decided', result: 'not-verified', why: inventory.trails.reason };
  const visible = organizationTrailCandidates(inventory.trails.value, config);
  const homed = visible.filter((t) => t.home !== null);
  if (homed.length === 0) {
    if (visible.length > 0 || region !== config.regions[0]) return { kind: 'decided', result: 'not-applicable', why: `the organization trail's home is not ${region}` };
    const wanted = config.logging.trailName ? `trail "${config.logging.trailName}" (logging.trailName)` : 'organization trail';
    return { kind: 'findings', findings: [{ resource: `arn:aws:cloudtrail:${region}:${account}:trail/*`, account, region, problem: `there is no ${wanted} (trails seen: ${describeTrails(inventory.trails.value)}): member accounts are neither recorded nor protected by one` }], evidence: { trails: inventory.trails.value.map((t) => t.arn) } };
  }
  const view = organizationView(inventory.organizations);
  if (view.kind === 'unreadable') return { kind: 'decided', result: 'not-verified', why: `the organization: ${view.why}` };
  if (view.kind === 'no-organization') {
    return { kind: 'findings', findings: homed.map((t) => ({ resource: t.arn, account, region, problem: 'the account is in no organization: there are no member accounts to cover' })), evidence: {} };
  }
  const managementAccount = view.org.managementAccountId;
  const members = view.accounts.filter((a) => a.id !== managementAccount && a.status === 'ACTIVE');
  if (members.length === 0) return { kind: 'decided', result: 'not-applicable', why: `the organization ${view.org.id} has no ACTIVE member account` };
  return { kind: 'members', trails: homed, members, managementAccount, view };
}

/**
 * Whether a member account sees the trail. AWS shows an organization trail, created in the management
 * account, to every member (DescribeTrails lists it as a shadow trail) with no per-account trail.
 */
export function memberSees(trail: Pick<TrailFacts, 'name' | 'owner' | 'isOrganizationTrail'>, member: Pick<MemberAccount, 'id' | 'name'>, managementAccount: string): { sees: boolean; why: string } {
  if (!trail.isOrganizationTrail) return { sees: false, why: `IsOrganizationTrail is false: ${trail.name} records only account ${trail.owner}, member ${member.id} neither sees it nor is recorded by it` };
  if (trail.owner !== managementAccount) return { sees: false, why: `${trail.name} is owned by ${trail.owner}, not the management account ${managementAccount}` };
  return { sees: true, why: `organization trail of the management account ${managementAccount}; member ${member.id} (${member.name}) is ACTIVE in the organization` };
}

const memberTrailArn = (trail: TrailFacts, account: string) => `arn:aws:cloudtrail:${trail.homeRegion}:${account}:trail/${trail.name}`;

/** What a member administrator would try against the trail. */
export const PROTECTED_ACTIONS = ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'] as const;
const ADMINISTRATOR = { name: 'AdministratorAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

export interface MemberProtection {
  account: string;
  action: string;
  decision: PermissionDecision;
  /** Only a denial at an SCP level counts: identity policies are the member's own to change. */
  deniedBySCP: boolean;
}

/** A member administrator (AdministratorAccess) asking to stop or delete the trail, decided by the member's SCP chain. */
export function memberProtection(trail: TrailFacts, member: MemberAccount, scene: Extract<MemberScene, { kind: 'members' }>): MemberProtection[] {
  const { scpLevels } = scene.view.scpsFor(member);
  return PROTECTED_ACTIONS.map((action) => {
    const decision = evaluatePermission({
      principal: `arn:aws:iam::${member.id}:role/MemberAdministrator`,
      action,
      // The trail as addressed from inside the member account. SCPs filter the member's principals whatever
      // the resource; a management-account ARN would make the evaluator ask for a cross-account resource policy.
      resource: memberTrailArn(trail, member.id),
      context: { 'aws:RequestedRegion': trail.homeRegion },
      identityPolicies: [ADMINISTRATOR],
      scpLevels,
      isManagementAccount: false,
    });
    const deniedBySCP = decision.decision !== 'Allowed' && decision.level !== IDENTITY_LEVEL;
    return { account: member.id, action, decision, deniedBySCP };
  });
}

/**
 * Who may change a trail. An organization trail belongs to the management account: only it (or a
 * delegated administrator) can update, stop or delete it; a member sees it but every change is refused.
 * A member's own trail is its own to change (within its IAM policies and SCPs).
 */
export function memberMayChangeTrail(trail: Pick<TrailFacts, 'name' | 'owner' | 'isOrganizationTrail'>, caller: string): { allowed: boolean; explanation: string } {
  if (trail.owner === caller) return { allowed: true, explanation: `${trail.name} belongs to ${caller}: its own policies and SCPs decide` };
  if (trail.isOrganizationTrail) {
    return { allowed: false, explanation: `${trail.name} is an organization trail of ${trail.owner}: member account ${caller} can see it but not update, stop or delete it` };
  }
  return { allowed: false, explanation: `${trail.name} belongs to ${trail.owner} and is not shared with ${caller}` };
}
