import type { IamStatement } from '../../inventory/types/iam';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { describeConditions, fullAdminStatements, unreadable } from './facts';

export const meta: RuleMeta = {
  id: 'iam.no-full-admin-policies',
  title: 'No customer policy grants full "*:*" administrative privileges',
  domain: 'iam',
  severity: 'high',
  cis: '1.15',
  rationale: 'Allow "*" on "*" hands out everything, including IAM itself, whatever condition (MFA, source IP) it carries: a condition says when, not what; grant what a job needs. AWS\'s own AdministratorAccess, on an administrators group, is the audited way to give full access (CIS scopes this check to the account\'s own policies).',
  remediation: 'Replace the statement with the actions and resources the job needs (IAM Access Analyzer can generate a policy from CloudTrail activity), then detach or delete the old policy version.',
};

/** Attached customer-managed policies (default version) and every inline policy of users, groups and roles. */
export const noFullAdminPolicies: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    const { customerPolicies, users, groups, roles } = inventory;
    if (customerPolicies.kind !== 'collected' || users.kind !== 'collected' || groups.kind !== 'collected' || roles.kind !== 'collected') {
      return notVerified(unreadable(customerPolicies, users, groups, roles).join('; '));
    }
    const findings: Finding[] = [];
    // A condition does not lessen what "*" on "*" grants (CIS 1.15 as written): the finding names it.
    const sid = (statements: IamStatement[]) => statements.map((s) => `${s.Sid ?? '(no Sid)'}${s.Condition && describeConditions(s) ? ` under condition ${describeConditions(s)}` : ''}`).join(', ');
    const attached = customerPolicies.value.filter((p) => p.attachmentCount > 0);
    // A policy whose default version was not read is unknown, not empty.
    const unreadableDocuments = attached.filter((p) => p.document === null).map((p) => `${p.arn}: default version document not read`);
    for (const policy of attached) {
      const admin = fullAdminStatements(policy.document);
      if (admin.length > 0) findings.push({ resource: policy.arn, account, region, problem: `customer-managed policy allows "*" on "*" (statement ${sid(admin)}), attached ${policy.attachmentCount} time(s)` });
    }
    const holders = [...users.value, ...groups.value, ...roles.value];
    for (const holder of holders) {
      for (const inline of holder.inlinePolicies) {
        const admin = fullAdminStatements(inline.document);
        if (admin.length > 0) findings.push({ resource: holder.arn, account, region, problem: `inline policy ${inline.name} allows "*" on "*" (statement ${sid(admin)})` });
      }
    }
    const inlineCount = holders.reduce((n, h) => n + h.inlinePolicies.length, 0);
    return verdictFrom({ findings, checked: attached.length + inlineCount, unreadable: unreadableDocuments, evidence: { attachedCustomerPolicies: attached.map((p) => p.arn), inlinePolicies: holders.flatMap((h) => h.inlinePolicies.map((p) => `${h.arn}#${p.name}`)) } });
  },
};
