import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'iam.permissions-through-groups',
  title: 'Users receive permissions only through groups',
  domain: 'iam',
  severity: 'low',
  cis: '1.14',
  rationale: 'Policies attached to groups (administrators, developers, infrastructure) are reviewed once per role in the team; policies on individual users drift apart and are forgotten when people change jobs.',
  remediation: 'Put the user in the group that holds the permissions, then aws iam detach-user-policy / delete-user-policy.',
};

export const permissionsThroughGroups: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    if (inventory.users.kind === 'not-collected') return notVerified(inventory.users.reason);
    const findings: Finding[] = [];
    for (const user of inventory.users.value) {
      const own = [...user.attachedPolicies.map((p) => `managed policy ${p.name}`), ...user.inlinePolicies.map((p) => `inline policy ${p.name}`)];
      if (own.length > 0) findings.push({ resource: user.arn, account, region, problem: `has policies of its own: ${own.join(', ')}` });
    }
    const evidence = { users: inventory.users.value.map((u) => ({ user: u.name, groups: u.groups, attached: u.attachedPolicies.map((p) => p.arn), inline: u.inlinePolicies.map((p) => p.name) })) };
    return verdictFrom({ findings, checked: inventory.users.value.length, evidence });
  },
};
