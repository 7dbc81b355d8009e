import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { ageInDays, keyIds } from './facts';

export const oneActiveKeyMeta: RuleMeta = {
  id: 'iam.one-active-access-key',
  title: 'No user has more than one active access key',
  domain: 'iam',
  severity: 'medium',
  cis: '1.12',
  rationale: 'Two active keys are meant only for the minutes of a rotation; a second key left active doubles what can leak and hides which one a program uses.',
  remediation: 'aws iam update-access-key --user-name <user> --access-key-id <older key> --status Inactive, then delete it once nothing fails.',
};

export const keyRotationMeta: RuleMeta = {
  id: 'iam.access-key-rotation',
  title: 'Active access keys are rotated within 90 days',
  domain: 'iam',
  severity: 'medium',
  cis: '1.13',
  rationale: 'Long-lived keys end up in old laptops, logs and repositories; rotating them limits how long a leaked key works.',
  remediation: 'Create a second key, move the program to it, deactivate and delete the old one (aws iam create-access-key / update-access-key / delete-access-key); better, use a role.',
};

export const oneActiveAccessKey: Control<'iam'> = {
  meta: oneActiveKeyMeta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    if (inventory.users.kind === 'not-collected') return notVerified(inventory.users.reason);
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const user of inventory.users.value) {
      if (user.accessKeys.kind === 'not-collected') {
        missing.push(user.accessKeys.reason);
        continue;
      }
      const active = user.accessKeys.value.filter((k) => k.status === 'Active');
      examined.push({ user: user.name, activeKeys: active.map((k) => k.accessKeyId) });
      if (active.length > 1) findings.push({ resource: user.arn, account, region, problem: `${active.length} active access keys (${keyIds(active.map((k) => k.accessKeyId))})` });
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { users: examined } });
  },
};

export const accessKeyRotation: Control<'iam'> = {
  meta: keyRotationMeta,
  inventory: 'iam',
  evaluate(inventory, { account, region, config }) {
    if (inventory.users.kind === 'not-collected') return notVerified(inventory.users.reason);
    const days = config.iam.keyRotationDays;
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const user of inventory.users.value) {
      if (user.accessKeys.kind === 'not-collected') {
        missing.push(user.accessKeys.reason);
        continue;
      }
      for (const key of user.accessKeys.value.filter((k) => k.status === 'Active')) {
        if (!key.createDate) {
          missing.push(`${user.name}: access key ${key.accessKeyId} has no creation date`);
          continue;
        }
        const age = ageInDays(key.createDate, inventory.collectedAt);
        examined.push({ user: user.name, accessKeyId: key.accessKeyId, created: key.createDate, ageDays: age });
        if (age > days) findings.push({ resource: user.arn, account, region, problem: `active access key ${keyIds([key.accessKeyId])} is ${age} days old (rotate within ${days})` });
      }
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { keyRotationDays: days, asOf: inventory.collectedAt, keys: examined } });
  },
};
