import { evaluatePermission, PermissionEvaluationError } from '../../evaluators/permissions/evaluate';
import { organizationView } from '../../evaluators/permissions/organization-chain';
import type { Control } from '../control';
import { compliant, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { ADMINISTRATOR_POLICY } from './probes';
import { allowsOnly, asList, statementsOf } from './facts';

export const meta: RuleMeta = {
  id: 'organizations.scp-allows-take-effect',
  title: 'Every SCP Allow is also allowed at every other level from the root to the account',
  domain: 'organizations',
  severity: 'medium',
  rationale: 'SCPs filter, they never grant: an Allow attached at one level does nothing if another level of the chain lacks an Allow for the same actions. Such an SCP misleads whoever reads it.',
  remediation: 'Add the actions to the allow-list of the level that lacks them (or attach FullAWSAccess there), or remove the ineffective Allow.',
};

/** For each explicit (non-"*") action an SCP allows at some level, every level of the chain must allow it too. */
export const scpAllowsTakeEffect: Control<'organizations'> = {
  meta,
  inventory: 'organizations',
  evaluate(inventory, { config }) {
    const view = organizationView(inventory);
    if (view.kind === 'unreadable') return notVerified(view.why);
    if (view.kind === 'no-organization') return compliant(0, { note: 'the account is in no organization: no SCP applies' });
    if (view.scpsNotInEffect) return compliant(0, { note: `SCPs are not in effect: ${view.scpsNotInEffect}` });
    const region = config.organization.allowedRegions[0];
    const findings: Finding[] = [];
    const evidence: unknown[] = [];
    let checked = 0;
    try {
      for (const member of view.accounts.filter((a) => a.id !== view.org.managementAccountId)) {
        const chain = view.scpsFor(member);
        const allowLevels = chain.scpLevels.map((l) => ({ level: l.level, policies: l.policies.map((p) => ({ name: p.name, document: allowsOnly(p.document) })) }));
        for (const level of chain.scpLevels) {
          for (const policy of level.policies) {
            const actions = statementsOf(policy.document).filter((s) => s.Effect === 'Allow').flatMap((s) => asList(s.Action)).filter((a) => a !== '*');
            for (const action of actions) {
              checked++;
              const decision = evaluatePermission({
                principal: `arn:aws:iam::${member.id}:role/posture-probe/Administrator`,
                action,
                context: { 'aws:RequestedRegion': region },
                identityPolicies: [ADMINISTRATOR_POLICY],
                scpLevels: allowLevels,
              });
              evidence.push({ account: member.id, allowedBy: `${policy.name} at ${level.level}`, action, decision });
              if (decision.decision !== 'Allowed') {
                findings.push({
                  resource: member.arn || member.id,
                  account: member.id,
                  region: 'global',
                  problem: `SCP "${policy.name}" at ${level.level} allows ${action}, but ${'level' in decision ? decision.level : 'another level'} has no Allow for it: the Allow has no effect (${decision.explanation})`,
                });
              }
            }
          }
        }
      }
    } catch (error) {
      if (error instanceof PermissionEvaluationError) return notVerified(error.message, evidence);
      throw error;
    }
    return verdictFrom({ findings, checked, evidence });
  },
};
