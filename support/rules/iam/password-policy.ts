import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';
import { accountArn } from './facts';

export const minimumLengthMeta: RuleMeta = {
  id: 'iam.password-minimum-length',
  title: 'The password policy requires at least 14 characters',
  domain: 'iam',
  severity: 'medium',
  cis: '1.7',
  rationale: 'Length is what makes a password hard to guess; without a policy IAM accepts 8 characters.',
  remediation: 'aws iam update-account-password-policy --minimum-password-length 14 (keep the other settings you have)',
};

export const reusePreventionMeta: RuleMeta = {
  id: 'iam.password-reuse-prevention',
  title: 'The password policy prevents password reuse',
  domain: 'iam',
  severity: 'medium',
  cis: '1.8',
  rationale: 'Remembering previous passwords stops users from cycling back to a password that has already leaked.',
  remediation: 'aws iam update-account-password-policy --password-reuse-prevention 24 (keep the other settings you have)',
};

export const passwordMinimumLength: Control<'iam'> = {
  meta: minimumLengthMeta,
  inventory: 'iam',
  evaluate(inventory, { account, region, config }) {
    const policy = inventory.passwordPolicy;
    if (policy.kind === 'not-collected') return notVerified(policy.reason);
    const wanted = config.iam.minimumPasswordLength;
    const length = policy.value?.minimumPasswordLength ?? null;
    const problem =
      policy.value === null ? 'the account has no password policy (IAM then accepts 8 characters)' : length === null || length < wanted ? `minimum password length is ${length ?? 'unset'}, below ${wanted}` : undefined;
    return verdictFrom({ findings: problem ? [{ resource: accountArn(account), account, region, problem }] : [], checked: 1, evidence: { passwordPolicy: policy.value, required: wanted } });
  },
};

export const passwordReusePrevention: Control<'iam'> = {
  meta: reusePreventionMeta,
  inventory: 'iam',
  evaluate(inventory, { account, region, config }) {
    const policy = inventory.passwordPolicy;
    if (policy.kind === 'not-collected') return notVerified(policy.reason);
    const wanted = config.iam.passwordReusePrevention;
    const remembered = policy.value?.passwordReusePrevention ?? null;
    const problem =
      policy.value === null
        ? 'the account has no password policy, so passwords may be reused'
        : remembered === null
          ? 'the password policy does not prevent reuse'
          : remembered < wanted
            ? `the password policy remembers ${remembered} previous passwords, fewer than ${wanted}`
            : undefined;
    return verdictFrom({ findings: problem ? [{ resource: accountArn(account), account, region, problem }] : [], checked: 1, evidence: { passwordPolicy: policy.value, required: wanted } });
  },
};
