import { evaluatePermission, PermissionEvaluationError, type PermissionDecision } from '../../evaluators/permissions/evaluate';
import { organizationView, type AccountScps } from '../../evaluators/permissions/organization-chain';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { isPrincipalKind, probePrincipal, type PrincipalKind } from './probes';

/** One row of the limits table, in the words of the feature file. */
export interface ScpLimitRow {
  /** An OU name, 'every member account', 'management account' or a 12-digit account id. */
  scope: string;
  principal: string;
  /** An action, or 'each protected action' (posture config organization.protectedActions). */
  action: string;
  /** A region, 'each allowed region' or 'a region outside the allowed ones' (posture config). */
  region: string;
  expected: string;
}

export const EVERY_MEMBER = 'every member account';
export const MANAGEMENT = 'management account';
export const EACH_PROTECTED_ACTION = 'each protected action';
export const EACH_ALLOWED_REGION = 'each allowed region';
export const OUTSIDE_ALLOWED_REGIONS = 'a region outside the allowed ones';

/** The control every limits row is an instance of (the registry lists it once). */
export const scpLimitMeta: RuleMeta = {
  id: 'organizations.scp-limit',
  title: 'SCP limits: a principal in an OU or account can or cannot call an action in a region, as the limits table says',
  domain: 'organizations',
  severity: 'high',
  rationale: 'What a principal of a member account can do is its identity policies intersected with the SCPs of every level from the root to its account; an explicit deny at any level wins and every level must allow.',
  remediation: 'Attach or correct the SCP at the level named in the finding (region restriction, deny-leave-organization, protect CloudTrail and Config, deny member root).',
};

const meta = (row: ScpLimitRow): RuleMeta => ({
  ...scpLimitMeta,
  title: `SCP limit: ${row.principal} in ${row.scope} calling ${row.action} in ${row.region} is ${row.expected}`,
});

/** A limits row as a control: evaluate the row for every account it names and compare with the expectation. */
export function scpLimit(row: ScpLimitRow): Control<'organizations'> {
  return {
    meta: meta(row),
    inventory: 'organizations',
    evaluate(inventory, { account, config }) {
      if (!isPrincipalKind(row.principal)) throw new Error(`unknown principal "${row.principal}" in the limits table (use administrator, root user, instance role or service-linked role)`);
      if (row.expected !== 'denied' && row.expected !== 'allowed') throw new Error(`expected must be "denied" or "allowed", not "${row.expected}"`);
      const actions = row.action === EACH_PROTECTED_ACTION ? config.organization.protectedActions : [row.action];
      const regions =
        row.region === EACH_ALLOWED_REGION ? config.organization.allowedRegions : row.region === OUTSIDE_ALLOWED_REGIONS ? config.organization.outsideRegionProbes : [row.region];

      const view = organizationView(inventory);
      if (view.kind === 'unreadable') return notVerified(view.why);
      const findings: Finding[] = [];
      let chains: { arn: string; scps: AccountScps }[];
      const note = view.kind === 'no-organization' ? 'the account is in no organization, so no SCP limits it' : view.scpsNotInEffect ? `SCPs are not in effect (${view.scpsNotInEffect})` : undefined;
      if (view.kind === 'no-organization') {
        chains = row.scope === EVERY_MEMBER || row.scope === account ? [{ arn: `arn:aws:iam::${account}:root`, scps: { accountId: account, accountName: account, isManagementAccount: false, scpLevels: [] } }] : [];
        if (chains.length === 0) findings.push({ resource: `arn:aws:iam::${account}:root`, account, region: 'global', problem: `"${row.scope}" does not exist: ${note}` });
      } else {
        const management = view.org.managementAccountId;
        const ouIds = [...view.ouNames].filter(([, name]) => name === row.scope).map(([id]) => id);
        const named = view.accounts.filter((a) =>
          row.scope === EVERY_MEMBER ? a.id !== management : row.scope === MANAGEMENT ? a.id === management : /^\d{12}$/.test(row.scope) ? a.id === row.scope : a.parentChain.some((id) => ouIds.includes(id)),
        );
        chains = named.map((a) => ({ arn: a.arn, scps: view.scpsFor(a) }));
        // An OU with no account yet: judge the chain a new account there would get.
        for (const ouId of ouIds) if (!named.some((a) => a.parentChain.includes(ouId))) chains.push({ arn: `${view.org.arn}/${ouId}`, scps: view.scpsForNewAccountIn(ouId) });
        if (chains.length === 0) findings.push({ resource: view.org.arn, account, region: 'global', problem: `the limits table names "${row.scope}", which is no OU, account or "${EVERY_MEMBER}" in organization ${view.org.id}` });
      }

      const probes: { account: string; levels: string[]; action: string; region: string; decision: PermissionDecision }[] = [];
      try {
        for (const { arn, scps } of chains) {
          const principal = probePrincipal(row.principal as PrincipalKind, /^\d{12}$/.test(scps.accountId) ? scps.accountId : '000000000000');
          for (const action of actions) {
            for (const region of regions) {
              const decision = evaluatePermission({
                principal: principal.arn,
                action,
                context: { 'aws:RequestedRegion': region },
                identityPolicies: principal.identityPolicies,
                scpLevels: scps.scpLevels,
                isManagementAccount: scps.isManagementAccount,
              });
              probes.push({ account: `${scps.accountId} (${scps.accountName})`, levels: scps.scpLevels.map((l) => `${l.level}: ${l.policies.map((p) => p.name).join(', ') || 'no SCP'}`), action, region, decision });
              const outcome = decision.decision === 'Allowed' ? 'allowed' : 'denied';
              if (outcome !== row.expected) {
                const deciding = decision.decision === 'ExplicitlyDenied' ? ` [deciding: SCP ${decision.policy} at ${decision.level}]` : decision.decision === 'ImplicitlyDenied' ? ` [deciding: no Allow at ${decision.level}]` : '';
                findings.push({
                  resource: arn,
                  account: scps.accountId,
                  region,
                  problem: `${principal.description} calling ${action} in ${region}: expected ${row.expected}, got ${decision.decision}${deciding}: ${decision.explanation}${note ? `; ${note}` : ''}`,
                });
              }
            }
          }
        }
      } catch (error) {
        if (error instanceof PermissionEvaluationError) return notVerified(error.message, { row, probes });
        throw error;
      }
      return verdictFrom({ findings, checked: probes.length, evidence: { row, note, probes } });
    },
  };
}
