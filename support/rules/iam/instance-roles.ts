import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'iam.instance-roles',
  title: 'Instances reach AWS through instance roles',
  domain: 'iam',
  severity: 'medium',
  cis: '1.17',
  rationale: 'An instance profile gives programs on the instance short-lived credentials from the metadata service, rotated by AWS; access keys copied onto a server are long-lived and leak with every backup and image.',
  remediation: 'Create a role trusted by ec2.amazonaws.com with the permissions the program needs, then aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>; delete any keys stored on the server.',
};

/** Every instance (not terminated) in the audited regions carries an instance profile. Keys on disk are not visible to an API audit. */
export const instanceRoles: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account }) {
    if (inventory.instances.kind === 'not-collected') return notVerified(inventory.instances.reason);
    const findings: Finding[] = inventory.instances.value
      .filter((i) => i.instanceProfileArn === null)
      .map((i) => ({ resource: i.arn, account, region: i.region, problem: `${i.state} instance has no instance profile (role), so programs on it need stored keys` }));
    return verdictFrom({ findings, checked: inventory.instances.value.length, evidence: { instances: inventory.instances.value } });
  },
};
