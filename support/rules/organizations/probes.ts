import type { NamedPolicy } from '../../evaluators/permissions/evaluate';

/**
 * The hypothetical principals a limits row speaks of. Each holds AdministratorAccess (the root user holds
 * every permission of its account anyway), so only the organization's SCPs can make the difference.
 */
export const ADMINISTRATOR_POLICY: NamedPolicy = {
  name: 'AdministratorAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export const PRINCIPAL_KINDS = ['administrator', 'root user', 'instance role', 'service-linked role'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

export function isPrincipalKind(text: string): text is PrincipalKind {
  return (PRINCIPAL_KINDS as readonly string[]).includes(text);
}

export function probePrincipal(kind: PrincipalKind, account: string): { arn: string; identityPolicies: NamedPolicy[]; description: string } {
  switch (kind) {
    case 'administrator':
      return { arn: `arn:aws:iam::${account}:role/posture-probe/Administrator`, identityPolicies: [ADMINISTRATOR_POLICY], description: 'a role with AdministratorAccess' };
    case 'root user':
      return { arn: `arn:aws:iam::${account}:root`, identityPolicies: [], description: 'the root user' };
    case 'instance role':
      return {
        arn: `arn:aws:sts::${account}:assumed-role/posture-probe-instance-role/i-0123456789abcdef0`,
        identityPolicies: [ADMINISTRATOR_POLICY],
        description: 'an EC2 instance role with AdministratorAccess',
      };
    case 'service-linked role':
      return {
        arn: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        identityPolicies: [ADMINISTRATOR_POLICY],
        description: 'a service-linked role',
      };
  }
}
