import { organizationView } from '../../evaluators/permissions/organization-chain';
import type { Control } from '../control';
import { compliant, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { hasAllowStatement } from './facts';

export const meta: RuleMeta = {
  id: 'organizations.no-scp-lockout',
  title: 'Every member account keeps a path where allowed work is possible (an Allow at every SCP level)',
  domain: 'organizations',
  severity: 'critical',
  rationale: 'An action must be allowed by an SCP at the root, at every OU and at the account. A level with no Allow (FullAWSAccess detached and nothing else attached) implicitly denies everything below it: the accounts are locked out.',
  remediation: 'Attach FullAWSAccess (or an allow-list SCP) to the level that has none: aws organizations attach-policy --policy-id p-FullAWSAccess --target-id <ou or account>',
};

/** Every level of every member account's chain has at least one SCP with an Allow statement. */
export const noScpLockout: Control<'organizations'> = {
  meta,
  inventory: 'organizations',
  evaluate(inventory, { region }) {
    const view = organizationView(inventory);
    if (view.kind === 'unreadable') return notVerified(view.why);
    if (view.kind === 'no-organization') return compliant(0, { note: 'the account is in no organization: no SCP applies' });
    if (view.scpsNotInEffect) return compliant(0, { note: `SCPs are not in effect: ${view.scpsNotInEffect}` });
    const members = view.accounts.filter((a) => a.id !== view.org.managementAccountId);
    const findings: Finding[] = [];
    const evidence = members.map((member) => {
      const chain = view.scpsFor(member);
      const levels = chain.scpLevels.map((l) => ({ level: l.level, policies: l.policies.map((p) => p.name), allows: l.policies.some((p) => hasAllowStatement(p.document)) }));
      const blocked = levels.find((l) => !l.allows);
      if (blocked) {
        findings.push({
          resource: member.arn || member.id,
          account: member.id,
          region,
          problem: `locked out at ${blocked.level}: no SCP there has an Allow (attached: ${blocked.policies.join(', ') || 'none'}), so everything in account ${member.id} (${member.name}) is implicitly denied`,
        });
      }
      return { account: member.id, name: member.name, levels };
    });
    return verdictFrom({ findings, checked: members.length, evidence });
  },
};
