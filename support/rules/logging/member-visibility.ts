import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { memberScene, memberSees } from './organization-members';

export const meta: RuleMeta = {
  id: 'logging.org-trail-member-visibility',
  title: 'Every member account sees the organization trail',
  domain: 'logging',
  severity: 'high',
  rationale:
    'An organization trail created in the management account applies to every member automatically: each member sees it in DescribeTrails and its events land in the one trail bucket, with no per-account trail. A trail that is not an organization trail covers only its own account.',
  remediation: 'aws cloudtrail update-trail --name <trail> --is-organization-trail (from the management account; trusted access for CloudTrail must be enabled in Organizations)',
};

export const memberVisibility: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, context) {
    const scene = memberScene(inventory, context);
    if (scene.kind === 'decided') return scene.result === 'not-verified' ? notVerified(scene.why) : notApplicable(scene.why);
    if (scene.kind === 'findings') return verdictFrom({ findings: scene.findings, checked: 0, evidence: scene.evidence });
    const findings: Finding[] = [];
    const members = [];
    for (const trail of scene.trails) {
      const unseen = scene.members.map((m) => ({ member: m, ...memberSees(trail, m, scene.managementAccount) }));
      members.push(...unseen.map((u) => ({ trail: trail.arn, account: u.member.id, sees: u.sees, why: u.why })));
      const missing = unseen.filter((u) => !u.sees);
      if (missing.length > 0) {
        findings.push({ resource: trail.arn, account: context.account, region: context.region, problem: `not visible to ${missing.length} of ${scene.members.length} member accounts (${missing.map((u) => u.member.id).join(', ')}): ${missing[0].why}` });
      }
    }
    // Visibility is derived from the trail's configuration and the membership: the emulator does not replicate trails into member accounts.
    return verdictFrom({ findings, checked: members.length, evidence: { basis: 'IsOrganizationTrail of a management-account trail + ACTIVE membership', members } });
  },
};
