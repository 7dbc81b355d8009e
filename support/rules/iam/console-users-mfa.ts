import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { unreadable } from './facts';

export const meta: RuleMeta = {
  id: 'iam.console-users-mfa',
  title: 'Every user with a console password has MFA',
  domain: 'iam',
  severity: 'high',
  cis: '1.9',
  rationale: 'A console password alone can be phished or guessed; an MFA device makes a stolen password useless.',
  remediation: 'Assign an MFA device to the user (aws iam enable-mfa-device or the console), or remove the console password if the user does not sign in.',
};

export const consoleUsersMfa: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    if (inventory.users.kind === 'not-collected') return notVerified(inventory.users.reason);
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const user of inventory.users.value) {
      const cannotRead = unreadable(user.hasConsolePassword, user.mfaDevices);
      if (cannotRead.length > 0 || user.hasConsolePassword.kind !== 'collected' || user.mfaDevices.kind !== 'collected') {
        missing.push(...cannotRead);
        continue;
      }
      examined.push({ user: user.name, consolePassword: user.hasConsolePassword.value, mfaDevices: user.mfaDevices.value.length });
      if (user.hasConsolePassword.value && user.mfaDevices.value.length === 0) findings.push({ resource: user.arn, account, region, problem: 'has a console password and no MFA device' });
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { users: examined } });
  },
};
