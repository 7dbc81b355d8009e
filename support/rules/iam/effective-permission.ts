import { evaluatePermission, type NamedPolicy, type PermissionDecision, type ScpLevel } from '../../evaluators/permissions/evaluate';
import { organizationView } from '../../evaluators/permissions/organization-chain';
import type { Collected } from '../../inventory/collected';
import type { AttachedPolicy, IamInventory, InlinePolicy, ManagedPolicy } from '../../inventory/types/iam';
import type { Control } from '../control';
import { compliant, notApplicable, notVerified, verdictFrom, type RuleMeta } from '../types';
import { unreadable } from './facts';

export type Decision = PermissionDecision['decision'];

/** The identity policies of a user (its own and its groups') or a role, with their documents. */
export function identityPoliciesOf(inventory: IamInventory, principalName: string): Collected<{ arn: string; policies: NamedPolicy[] } | null> {
  const { users, groups, roles, customerPolicies, awsManagedPolicies } = inventory;
  if (users.kind !== 'collected' || groups.kind !== 'collected' || roles.kind !== 'collected' || customerPolicies.kind !== 'collected' || awsManagedPolicies.kind !== 'collected') {
    return { kind: 'not-collected', reason: unreadable(users, groups, roles, customerPolicies, awsManagedPolicies).join('; ') };
  }
  const documents = new Map<string, ManagedPolicy>([...customerPolicies.value, ...awsManagedPolicies.value].map((p) => [p.arn, p]));
  const missing: string[] = [];
  const managed = (owner: string, attached: AttachedPolicy[]): NamedPolicy[] =>
    attached.flatMap((p) => {
      const document = documents.get(p.arn)?.document;
      if (!document) missing.push(`${owner}: no document for ${p.arn}`);
      return document ? [{ name: `${owner} managed ${p.name}`, document }] : [];
    });
  const inline = (owner: string, list: InlinePolicy[]): NamedPolicy[] => list.map((p) => ({ name: `${owner} inline ${p.name}`, document: p.document }));

  const user = users.value.find((u) => u.name === principalName);
  const role = roles.value.find((r) => r.name === principalName);
  let found: { arn: string; policies: NamedPolicy[] } | null = null;
  if (user) {
    const own = [...managed(`user ${user.name}`, user.attachedPolicies), ...inline(`user ${user.name}`, user.inlinePolicies)];
    const fromGroups = user.groups.flatMap((name) => {
      const group = groups.value.find((g) => g.name === name);
      if (!group) missing.push(`group ${name} of ${user.name} was not in the inventory`);
      return group ? [...managed(`group ${group.name}`, group.attachedPolicies), ...inline(`group ${group.name}`, group.inlinePolicies)] : [];
    });
    found = { arn: user.arn, policies: [...own, ...fromGroups] };
  } else if (role) {
    found = { arn: role.arn, policies: [...managed(`role ${role.name}`, role.attachedPolicies), ...inline(`role ${role.name}`, role.inlinePolicies)] };
  }
  if (missing.length > 0) return { kind: 'not-collected', reason: missing.join('; ') };
  return { kind: 'collected', value: found };
}

/** The SCP chain over the audited account's principals, as the shared evaluator takes it. */
export function scpsOf(inventory: IamInventory, account: string): Collected<{ isManagementAccount: boolean; scpLevels: ScpLevel[] }> {
  if (inventory.organizations.kind !== 'collected') return inventory.organizations;
  const view = organizationView(inventory.organizations.value);
  if (view.kind === 'unreadable') return { kind: 'not-collected', reason: view.why };
  if (view.kind === 'no-organization') return { kind: 'collected', value: { isManagementAccount: false, scpLevels: [] } };
  if (view.org.auditedIsManagement) return { kind: 'collected', value: { isManagementAccount: true, scpLevels: [] } };
  const member = view.accounts.find((a) => a.id === account);
  if (!member) return { kind: 'not-collected', reason: `account ${account} is not in the organization's account list` };
  const chain = view.scpsFor(member);
  return { kind: 'collected', value: { isManagementAccount: chain.isManagementAccount, scpLevels: chain.scpLevels } };
}

const DECISION_WORDS: Record<Decision, string> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitly denied', ImplicitlyDenied: 'implicitly denied' };
export const decisionFromWords = (words: string): Decision => {
  const entry = Object.entries(DECISION_WORDS).find(([, w]) => w === words);
  if (!entry) throw new Error(`"${words}" is not one of ${Object.values(DECISION_WORDS).join(', ')}`);
  return entry[0] as Decision;
};

/**
 * A control for one named principal and one action: its identity policies (read from the account) and
 * the SCPs over the account (from the organizations inventory; none for the management account) decide
 * as expected. Evaluated by the shared permissions evaluator, the same one the SCP scenarios use.
 */
/** The control every effective-permission row is an instance of (the registry lists it once). */
export const effectivePermissionMeta: RuleMeta = {
  id: 'iam.effective-permission',
  title: 'Effective permissions: named principals can and cannot call the actions the table says',
  domain: 'iam',
  severity: 'medium',
  rationale: 'Least privilege is shown, not assumed: the policies of named principals are evaluated for the actions their job needs and the ones it must not have.',
  remediation: 'Change the policies of the principal (or of its groups) so that the action is decided as the table expects.',
};

export function effectivePermission(principalName: string, action: string, expected: Decision, resource = '*'): Control<'iam'> {
  const meta: RuleMeta = {
    ...effectivePermissionMeta,
    title: `Effective permission of ${principalName}: ${action} is ${DECISION_WORDS[expected]}`,
    remediation: `Change the policies of ${principalName} (or of its groups) so that ${action} is ${DECISION_WORDS[expected]}.`,
  };
  return {
    meta,
    inventory: 'iam',
    evaluate(inventory, { account, region }) {
      const principal = identityPoliciesOf(inventory, principalName);
      if (principal.kind === 'not-collected') return notVerified(principal.reason);
      // A table row about someone this account does not have says nothing about it: not applicable (the
      // users and roles WERE read, so it is not "could not read"). A typo in the table shows up the same way,
      // with the name in the reason; a row that must hold everywhere belongs in each account's own table.
      if (principal.value === null) return notApplicable(`no IAM user or role named ${principalName} in account ${account}`);
      const scps = scpsOf(inventory, account);
      const identityPolicies = principal.value.policies;
      const decision = evaluatePermission({ principal: principal.value.arn, action, resource, identityPolicies, ...(scps.kind === 'collected' ? scps.value : {}) });
      const evidence = { principal: principal.value.arn, action, resource, policies: identityPolicies.map((p) => p.name), scps: scps.kind === 'collected' ? scps.value : scps.reason, decision };
      // SCPs only take away: without them an identity "allowed" is unproven, a denial is already certain.
      if (scps.kind === 'not-collected' && decision.decision === 'Allowed') return notVerified(`the SCPs over ${account} could not be read, so "allowed" is unproven: ${scps.reason}`, evidence);
      if (decision.decision === expected) return compliant(1, evidence);
      return verdictFrom({ findings: [{ resource: principal.value.arn, account, region, problem: `${action} is ${DECISION_WORDS[decision.decision]}, expected ${DECISION_WORDS[expected]}: ${decision.explanation}` }], checked: 1, evidence });
    },
  };
}
