import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { homeTrails } from './facts';

export const meta: RuleMeta = {
  id: 'logging.trail-kms-encryption',
  title: 'Every trail encrypts its log files with a customer-managed KMS key (SSE-KMS)',
  domain: 'logging',
  severity: 'high',
  cis: '3.5',
  rationale:
    'Without a KMS key CloudTrail log files are encrypted with SSE-S3, which anyone allowed to read the bucket can decrypt. With SSE-KMS reading a log also needs kms:Decrypt on a key whose policy you control, and every use of the key is itself logged.',
  remediation: 'aws cloudtrail update-trail --name <trail> --kms-key-id <customer-managed key ARN> (the key policy must let cloudtrail.amazonaws.com GenerateDataKey for this trail)',
};

export const trailKmsEncryption: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, { account, region }) {
    if (inventory.trails.kind === 'not-collected') return notVerified(inventory.trails.reason);
    const trails = homeTrails(inventory.trails.value);
    if (trails.length === 0) return notApplicable(`no trail has its home in ${region}`);
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    const examined = [];
    for (const trail of trails) {
      const key = trail.home!.key;
      examined.push({ trail: trail.arn, kmsKeyId: trail.kmsKeyId, key: key.kind === 'collected' ? key.value && { arn: key.value.arn, manager: key.value.manager, state: key.value.state, spec: key.value.spec } : `not read: ${key.reason}` });
      const fail = (problem: string) => findings.push({ resource: trail.arn, account, region, problem });
      if (!trail.kmsKeyId) fail('KmsKeyId is not set: log files are encrypted with SSE-S3 only');
      else if (key.kind === 'not-collected') unreadable.push(key.reason);
      else if (!key.value) fail(`KmsKeyId ${trail.kmsKeyId} names a key that does not exist: CloudTrail cannot deliver encrypted logs`);
      else if (key.value.manager !== 'CUSTOMER') fail(`KMS key ${key.value.arn} is ${key.value.manager}-managed, not a customer-managed key`);
      else if (key.value.state !== 'Enabled') fail(`KMS key ${key.value.arn} is ${key.value.state}: CloudTrail cannot encrypt with it`);
    }
    return verdictFrom({ findings, checked: trails.length, unreadable, evidence: { trails: examined } });
  },
};
