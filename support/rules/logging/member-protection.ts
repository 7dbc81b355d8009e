import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { memberProtection, memberScene, memberSees } from './organization-members';

export const meta: RuleMeta = {
  id: 'logging.org-trail-member-protection',
  title: 'No member account can stop or delete the organization trail',
  domain: 'logging',
  severity: 'high',
  rationale:
    'Members can see an organization trail but not change it; an SCP that denies cloudtrail:StopLogging and cloudtrail:DeleteTrail keeps even a member administrator from silencing the audit trail (SCPs do not limit the management account).',
  remediation: 'Attach to the root an SCP: {"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail"],"Resource":"*"} (with an exception for your break-glass role if needed).',
};

export const memberProtectionControl: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, context) {
    const scene = memberScene(inventory, context);
    if (scene.kind === 'decided') return scene.result === 'not-verified' ? notVerified(scene.why) : notApplicable(scene.why);
    if (scene.kind === 'findings') return verdictFrom({ findings: scene.findings, checked: 0, evidence: scene.evidence });
    const findings: Finding[] = [];
    const decisions = [];
    const at = (resource: string, problem: string) => findings.push({ resource, account: context.account, region: context.region, problem });
    if (scene.view.scpsNotInEffect) at(scene.trails[0].arn, `SCPs are not in effect (${scene.view.scpsNotInEffect}): nothing stops a member administrator`);
    for (const trail of scene.trails) {
      const notOrgTrail = scene.members.map((m) => memberSees(trail, m, scene.managementAccount)).find((s) => !s.sees);
      if (notOrgTrail) at(trail.arn, `${notOrgTrail.why}; it is not protected as an organization trail`);
      for (const member of scene.members) {
        for (const p of memberProtection(trail, member, scene)) {
          decisions.push({ trail: trail.arn, account: p.account, action: p.action, decision: p.decision.decision, explanation: p.decision.explanation });
          if (!p.deniedBySCP) at(trail.arn, `member ${member.id} (${member.name}): ${p.action} is not denied by any SCP — ${p.decision.explanation}`);
        }
      }
    }
    return verdictFrom({ findings, checked: decisions.length, evidence: { principal: 'a member administrator with AdministratorAccess', decisions } });
  },
};
