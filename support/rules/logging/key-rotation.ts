import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'logging.kms-key-rotation',
  title: 'Every customer-managed symmetric KMS key rotates automatically',
  domain: 'logging',
  severity: 'medium',
  cis: '3.6',
  rationale:
    'Automatic rotation (opt-in for customer-managed keys) makes KMS create new key material every year (or the period you set) while keeping old material to decrypt old data. It limits how much data one key version protects. AWS-managed keys rotate on their own.',
  remediation: 'aws kms enable-key-rotation --key-id <key-id>',
};

/** Rotation applies to enabled customer-managed symmetric keys with KMS-generated material. */
const ROTATABLE = (k: { manager: string; spec: string; state: string; origin: string }) => k.manager === 'CUSTOMER' && k.spec === 'SYMMETRIC_DEFAULT' && k.state === 'Enabled' && k.origin === 'AWS_KMS';

export const keyRotation: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, { account, region }) {
    if (inventory.keys.kind === 'not-collected') return notVerified(inventory.keys.reason);
    const keys = inventory.keys.value.filter(ROTATABLE);
    if (keys.length === 0) return notApplicable(`no enabled customer-managed symmetric key in ${region}`);
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    for (const key of keys) {
      if (key.rotationEnabled.kind === 'not-collected') unreadable.push(key.rotationEnabled.reason);
      else if (key.rotationEnabled.value !== true) findings.push({ resource: key.arn, account, region, problem: 'KeyRotationEnabled is false: the key material never changes' });
    }
    const evidence = { keys: keys.map((k) => ({ key: k.arn, rotationEnabled: k.rotationEnabled.kind === 'collected' ? k.rotationEnabled.value : `not read: ${k.rotationEnabled.reason}` })) };
    return verdictFrom({ findings, checked: keys.length, unreadable, evidence });
  },
};
