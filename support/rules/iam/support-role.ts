import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';
import { accountArn } from './facts';

export const SUPPORT_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSSupportAccess';

export const meta: RuleMeta = {
  id: 'iam.support-role',
  title: 'A support role exists for AWS Support incidents',
  domain: 'iam',
  severity: 'low',
  cis: '1.16',
  rationale: 'Opening and following AWS Support cases should not need the root user or an administrator: a role holding AWSSupportAccess lets the named people do it.',
  remediation: 'aws iam create-role --role-name aws-support --assume-role-policy-document <trust the account or the support team>; aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
};

export const supportRole: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    if (inventory.roles.kind === 'not-collected') return notVerified(inventory.roles.reason);
    const holders = inventory.roles.value.filter((r) => r.attachedPolicies.some((p) => p.arn === SUPPORT_POLICY_ARN));
    const findings = holders.length === 0 ? [{ resource: accountArn(account), account, region, problem: `no role has ${SUPPORT_POLICY_ARN} attached` }] : [];
    return verdictFrom({ findings, checked: inventory.roles.value.length, evidence: { supportRoles: holders.map((r) => r.arn) } });
  },
};
