import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';

/**
 * Effective permissions of one principal in a member account: identity policies intersected with the
 * service control policies of every level from the root down to the account.
 *
 * The policy language (actions, NotAction, resources, conditions) is evaluated by
 * @cloud-copilot/iam-simulate; this adapter adds what the library does not know about the organization:
 * the management account and service-linked roles are not limited by SCPs, the root user of an account
 * holds every permission its SCPs leave it, and a verdict names the deciding level and policy.
 * Pure and synchronous (no AWS calls), so rules can use it directly.
 */

import type { PolicyJson } from '../../model/policy-json';
export type { PolicyJson };
export interface NamedPolicy { name: string; document: PolicyJson }
export interface ScpLevel {
  level: string; // e.g. 'root r-abc1', 'ou ou-xyz (Sandbox)', 'account 111122223333'
  policies: NamedPolicy[];
}
export interface PermissionRequest {
  principal: string; // ARN of the user/role (path /aws-service-role/ = service-linked role)
  action: string; // e.g. 'ec2:RunInstances'
  resource?: string; // ARN or '*' (default '*')
  context?: Record<string, string | string[]>; // e.g. { 'aws:RequestedRegion': 'eu-west-1' }
  identityPolicies: NamedPolicy[]; // identity-based policies of the principal
  scpLevels?: ScpLevel[]; // root → OUs → account; omitted/empty = no Organizations limits
  isManagementAccount?: boolean; // SCPs never limit the management account
}
export type PermissionDecision =
  | { decision: 'Allowed'; explanation: string }
  | { decision: 'ExplicitlyDenied'; level: string; policy: string; statement?: string; explanation: string }
  | { decision: 'ImplicitlyDenied'; level: string; explanation: string }; // level: 'identity policies' or the SCP level lacking an Allow

export const IDENTITY_LEVEL = 'identity policies';
const ROOT_USER_POLICY = 'root user (holds every permission of its account)';
const ALLOW_ALL: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** Thrown when a policy or request cannot be evaluated (e.g. a malformed document): never a verdict. */
export class PermissionEvaluationError extends Error {}

const arnParts = (arn: string) => arn.split(':');
const accountOf = (arn: string): string | undefined => (arn.startsWith('arn:') ? arnParts(arn)[4] || undefined : undefined);
const resourcePartOf = (arn: string): string => arnParts(arn).slice(5).join(':');

export function isRootUser(principal: string): boolean {
  return /^arn:aws[\w-]*:iam::\d{12}:root$/.test(principal);
}

/** Service-linked roles live under /aws-service-role/ (their sessions are named AWSServiceRoleFor…). */
export function isServiceLinkedRole(principal: string): boolean {
  const resource = resourcePartOf(principal);
  return resource.startsWith('role/aws-service-role/') || /^assumed-role\/AWSServiceRoleFor/.test(resource);
}

/** aws:PrincipalArn is the role ARN for a role session (what SCP conditions compare against). */
function principalArnFor(principal: string): string {
  const match = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : principal;
}

function principalContext(principal: string): Record<string, string> {
  const account = accountOf(principal);
  return {
    'aws:PrincipalArn': principalArnFor(principal),
    ...(account ? { 'aws:PrincipalAccount': account } : {}),
  };
}

interface Simulated {
  identity: NamedPolicy[];
  levels: { level: string; policies: NamedPolicy[] }[];
}

/**
 * One run of the library. Policies are read as if the resource were the caller's own (so each level is
 * judged on its own statements); only the final combined run uses the resource's real account.
 */
function simulate(request: PermissionRequest, input: Simulated, resourceInItsOwnAccount = false): 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' {
  const principalAccount = accountOf(request.principal) ?? '000000000000';
  const resource = request.resource ?? '*';
  const resourceAccount = resourceInItsOwnAccount ? (accountOf(resource) ?? principalAccount) : principalAccount;
  try {
    return runUnsafeSimulation(
      {
        request: {
          principal: request.principal,
          action: request.action,
          resource: { resource, accountId: resourceAccount },
          contextVariables: { ...principalContext(request.principal), ...(request.context ?? {}) },
        },
        identityPolicies: input.identity.map((p) => ({ name: p.name, policy: p.document })),
        serviceControlPolicies: input.levels.map((l) => ({ orgIdentifier: l.level, policies: l.policies.map((p) => ({ name: p.name, policy: p.document })) })),
        resourceControlPolicies: [],
      },
      { simulationMode: 'Strict' },
    );
  } catch (error) {
    throw new PermissionEvaluationError(`cannot evaluate ${request.action} for ${request.principal}: ${(error as Error).message}`);
  }
}

const allowEverything: NamedPolicy = { name: 'allow-everything', document: ALLOW_ALL };

/** Which policy at one level explicitly denies, and which statement of it (Sid or index). */
function denyingPolicy(request: PermissionRequest, level: ScpLevel): { policy: string; statement?: string } {
  for (const policy of level.policies) {
    const only = { identity: [allowEverything], levels: [{ level: level.level, policies: [policy] }] };
    if (simulate(request, only) !== 'ExplicitlyDenied') continue;
    const statements = Array.isArray(policy.document.Statement) ? policy.document.Statement : [policy.document.Statement];
    const index = statements.findIndex(
      (statement) =>
        simulate(request, { identity: [allowEverything], levels: [{ level: level.level, policies: [{ name: policy.name, document: { Version: '2012-10-17', Statement: [statement] } }] }] }) ===
        'ExplicitlyDenied',
    );
    const sid = index >= 0 ? ((statements[index] as { Sid?: string }).Sid ?? `statement ${index + 1}`) : undefined;
    return { policy: policy.name, statement: sid };
  }
  return { policy: '(unidentified)' };
}

function denyingIdentityPolicy(request: PermissionRequest, identity: NamedPolicy[]): string {
  return identity.find((p) => simulate(request, { identity: [p], levels: [] }) === 'ExplicitlyDenied')?.name ?? '(unidentified)';
}

export function evaluatePermission(request: PermissionRequest): PermissionDecision {
  const what = `${request.principal} → ${request.action}${request.resource && request.resource !== '*' ? ` on ${request.resource}` : ''}`;
  const identity = isRootUser(request.principal) ? [{ name: ROOT_USER_POLICY, document: ALLOW_ALL }, ...request.identityPolicies] : request.identityPolicies;

  const exemption = request.isManagementAccount
    ? 'the management account is not limited by SCPs'
    : isServiceLinkedRole(request.principal)
      ? 'service-linked roles are not limited by SCPs'
      : undefined;
  const scpLevels = exemption ? [] : (request.scpLevels ?? []);

  // Each SCP level on its own (with an identity that allows everything): SCPs only filter, never grant.
  const levelResults = scpLevels.map((level) => ({ level, result: simulate(request, { identity: [allowEverything], levels: [level] }) }));
  const identityResult = simulate(request, { identity, levels: [] });

  const deniedLevel = levelResults.find((l) => l.result === 'ExplicitlyDenied');
  if (deniedLevel) {
    const { policy, statement } = denyingPolicy(request, deniedLevel.level);
    return {
      decision: 'ExplicitlyDenied',
      level: deniedLevel.level.level,
      policy,
      statement,
      explanation: `${what}: explicitly denied by SCP "${policy}"${statement ? ` (${statement})` : ''} attached at ${deniedLevel.level.level}; an explicit deny at any level wins`,
    };
  }
  if (identityResult === 'ExplicitlyDenied') {
    const policy = denyingIdentityPolicy(request, identity);
    return { decision: 'ExplicitlyDenied', level: IDENTITY_LEVEL, policy, explanation: `${what}: explicitly denied by "${policy}" among the ${IDENTITY_LEVEL}` };
  }
  const levelWithoutAllow = levelResults.find((l) => l.result !== 'Allowed');
  if (levelWithoutAllow) {
    const attached = levelWithoutAllow.level.policies.map((p) => p.name).join(', ') || 'no SCP';
    return {
      decision: 'ImplicitlyDenied',
      level: levelWithoutAllow.level.level,
      explanation: `${what}: implicitly denied at ${levelWithoutAllow.level.level}: none of its SCPs (${attached}) allows it; an Allow is needed at every level from the root to the account`,
    };
  }
  if (identityResult !== 'Allowed') {
    const scpNote = scpLevels.length > 0 ? 'SCPs allow it at every level but SCPs never grant permissions' : exemption ? `${exemption}, but` : 'no SCP applies, but';
    return { decision: 'ImplicitlyDenied', level: IDENTITY_LEVEL, explanation: `${what}: implicitly denied: ${scpNote}; no identity policy allows it` };
  }
  // Cross-check with the library's own combined evaluation: our per-level reading must agree.
  const combined = simulate(request, { identity, levels: scpLevels }, true);
  const resourceAccount = request.resource ? accountOf(request.resource) : undefined;
  if (combined === 'ImplicitlyDenied' && resourceAccount && resourceAccount !== accountOf(request.principal)) {
    // Another account's resource: its own resource policy would have to allow too (none is given here).
    return { decision: 'ImplicitlyDenied', level: 'resource policy', explanation: `${what}: implicitly denied: the resource is in account ${resourceAccount} and no resource policy there allows it` };
  }
  if (combined !== 'Allowed') {
    throw new PermissionEvaluationError(`${what}: per-level reading says Allowed but the combined simulation says ${combined}`);
  }
  const through = scpLevels.length > 0 ? `allowed by an SCP at each of ${scpLevels.length} levels (${scpLevels.map((l) => l.level).join(' → ')})` : (exemption ?? 'no SCP applies');
  return { decision: 'Allowed', explanation: `${what}: allowed by identity policies; ${through}` };
}
