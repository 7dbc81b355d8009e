import type { Collected } from '../../inventory/collected';
import type { MemberAccount, OrganizationFacts, OrganizationsInventory, OrganizationStructure, ServiceControlPolicy } from '../../inventory/types/organizations';
import type { NamedPolicy, ScpLevel } from './evaluate';

/**
 * From the Organizations inventory to the evaluator's input: which SCPs apply at each level from the root
 * down to one account. Pure; shared by the organizations rules and by other domains' SCP-aware checks.
 */

export const FULL_AWS_ACCESS = 'FullAWSAccess';

/** SCPs limit anything only in an organization with all features and the SCP policy type enabled on the root. */
export function scpsInEffect(org: OrganizationFacts): { inEffect: true } | { inEffect: false; why: string } {
  if (org.featureSet !== 'ALL') return { inEffect: false, why: `the organization ${org.id} has feature set ${org.featureSet}: SCPs need all features` };
  if (org.structure.kind !== 'collected') return { inEffect: true }; // unknown: callers report the structure as unreadable
  const disabled = org.structure.value.roots.filter((r) => !r.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED'));
  if (disabled.length > 0) return { inEffect: false, why: `the SCP policy type is not enabled on root ${disabled.map((r) => r.id).join(', ')}` };
  return { inEffect: true };
}

/** What an account is in the organization: its levels with the SCP documents attached at each. */
export interface AccountScps {
  accountId: string;
  accountName: string;
  isManagementAccount: boolean;
  scpLevels: ScpLevel[];
}

export function levelLabel(kind: 'root' | 'ou' | 'account', id: string, name?: string): string {
  return `${kind} ${id}${name && kind !== 'root' ? ` (${name})` : ''}`;
}

function attachedTo(policies: ServiceControlPolicy[], targetId: string): NamedPolicy[] {
  return policies
    .filter((p) => p.targets.some((t) => t.id === targetId))
    .map((p) => ({ name: p.name, document: p.document ?? { Statement: [] } }));
}

/** The chain root → OUs → account for one member account. */
export function scpLevelsFor(structure: OrganizationStructure, policies: ServiceControlPolicy[], account: MemberAccount): ScpLevel[] {
  const ouNames = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou.name]));
  const parents = account.parentChain.map((id) =>
    id.startsWith('r-') ? { level: levelLabel('root', id), policies: attachedTo(policies, id) } : { level: levelLabel('ou', id, ouNames.get(id)), policies: attachedTo(policies, id) },
  );
  return [...parents, { level: levelLabel('account', account.id, account.name), policies: attachedTo(policies, account.id) }];
}

export type OrganizationView =
  | { kind: 'no-organization'; account: string }
  | { kind: 'unreadable'; why: string }
  | {
      kind: 'organization';
      org: OrganizationFacts;
      /** Why SCPs limit nothing here (not all features, SCPs not enabled), or undefined when they are in effect. */
      scpsNotInEffect?: string;
      accounts: MemberAccount[];
      ouNames: Map<string, string>;
      /** Each account's SCP chain (empty when SCPs are not in effect). */
      scpsFor(account: MemberAccount): AccountScps;
      /** The chain a new account created in this OU would get (CreateAccount attaches FullAWSAccess). */
      scpsForNewAccountIn(ouId: string): AccountScps;
    };

/** Read the inventory as the evaluator needs it, or say exactly what could not be read. */
export function organizationView(inventory: OrganizationsInventory): OrganizationView {
  const org = inventory.organization;
  if (org.kind !== 'collected') return { kind: 'unreadable', why: org.reason };
  if (org.value === null) return { kind: 'no-organization', account: inventory.account };
  const facts = org.value;
  const effect = scpsInEffect(facts);
  if (facts.structure.kind !== 'collected') return { kind: 'unreadable', why: facts.structure.reason };
  const structure = facts.structure.value;
  let policies: ServiceControlPolicy[] = [];
  if (effect.inEffect) {
    const read: Collected<ServiceControlPolicy[]> = facts.serviceControlPolicies;
    if (read.kind !== 'collected') return { kind: 'unreadable', why: read.reason };
    const broken = read.value.filter((p) => p.document === null && p.targets.length > 0);
    if (broken.length > 0) return { kind: 'unreadable', why: broken.map((p) => `SCP ${p.name} (${p.id}): ${p.documentError}`).join('; ') };
    policies = read.value;
  }
  const ouNames = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou.name]));
  const scpsFor = (account: MemberAccount): AccountScps => ({
    accountId: account.id,
    accountName: account.name,
    isManagementAccount: account.id === facts.managementAccountId,
    scpLevels: effect.inEffect ? scpLevelsFor(structure, policies, account) : [],
  });
  const chainOf = (ouId: string): string[] => {
    const chain: string[] = [];
    let id: string | undefined = ouId;
    while (id && !id.startsWith('r-')) {
      chain.unshift(id);
      id = structure.organizationalUnits.find((ou) => ou.id === id)?.parentId;
    }
    return id ? [id, ...chain] : chain;
  };
  const fullAWSAccess = policies.find((p) => p.name === FULL_AWS_ACCESS && p.awsManaged);
  return {
    kind: 'organization',
    org: facts,
    scpsNotInEffect: effect.inEffect ? undefined : effect.why,
    accounts: structure.accounts,
    ouNames,
    scpsFor,
    scpsForNewAccountIn(ouId) {
      const account: MemberAccount = { id: '(new account)', arn: '', name: `a new account in ${ouNames.get(ouId) ?? ouId}`, status: 'ACTIVE', parentChain: chainOf(ouId) };
      const chain = scpsFor(account);
      const last = chain.scpLevels[chain.scpLevels.length - 1];
      if (last && fullAWSAccess?.document) last.policies = [{ name: FULL_AWS_ACCESS, document: fullAWSAccess.document }];
      return chain;
    },
  };
}
