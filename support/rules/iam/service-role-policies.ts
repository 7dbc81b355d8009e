import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { isServiceLinked, trustedServices } from './facts';

export const meta: RuleMeta = {
  id: 'iam.service-role-least-privilege',
  title: 'Lambda, Glue and EC2 service roles hold no AWS full-access managed policy',
  domain: 'iam',
  severity: 'high',
  rationale: 'A function, job or instance role with AmazonS3FullAccess (or AdministratorAccess) turns any code bug or stolen instance credential into access to every bucket; grant the resources the workload uses.',
  remediation: 'Replace the AWS *FullAccess policy with a customer policy naming the actions and resources used (or list the pair in iam.acceptedServiceRolePolicies with its reason).',
};

const SERVICES = ['lambda.amazonaws.com', 'glue.amazonaws.com', 'ec2.amazonaws.com'];
const AWS_POLICY = 'arn:aws:iam::aws:policy/';

/** AWS-managed policies that give a whole service (or everything) away. */
export function isBroadAwsPolicy(arn: string): boolean {
  if (!arn.startsWith(AWS_POLICY)) return false;
  const name = arn.split('/').pop() ?? '';
  return name.endsWith('FullAccess') || name === 'AdministratorAccess' || name === 'PowerUserAccess';
}

export const serviceRoleLeastPrivilege: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region, config }) {
    if (inventory.roles.kind === 'not-collected') return notVerified(inventory.roles.reason);
    const accepted = new Set(config.iam.acceptedServiceRolePolicies);
    const serviceRoles = inventory.roles.value.filter((r) => !isServiceLinked(r) && trustedServices(r).some((s) => SERVICES.includes(s)));
    const findings: Finding[] = [];
    const examined = [];
    for (const role of serviceRoles) {
      const broad = role.attachedPolicies.filter((p) => isBroadAwsPolicy(p.arn));
      const offending = broad.filter((p) => !accepted.has(`${role.name}:${p.name}`));
      examined.push({ role: role.name, services: trustedServices(role), broadPolicies: broad.map((p) => p.name), accepted: broad.filter((p) => accepted.has(`${role.name}:${p.name}`)).map((p) => p.name) });
      if (offending.length > 0) findings.push({ resource: role.arn, account, region, problem: `service role for ${trustedServices(role).join(', ')} holds ${offending.map((p) => p.name).join(', ')}` });
    }
    return verdictFrom({ findings, checked: serviceRoles.length, evidence: { serviceRoles: examined } });
  },
};
