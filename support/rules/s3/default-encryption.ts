import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { bucketRegion } from './facts';

export const meta: RuleMeta = {
  id: 's3.default-encryption',
  title: 'Every bucket encrypts new objects at rest by default',
  domain: 's3',
  severity: 'medium',
  rationale: 'Default encryption (SSE-S3 or SSE-KMS) applies to every object written without its own encryption header. AWS applies SSE-S3 to new buckets since January 2023; an explicit setting records the intent and allows SSE-KMS.',
  remediation: 'aws s3api put-bucket-encryption --bucket <name> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}\'',
};

const ACCEPTED = ['AES256', 'aws:kms', 'aws:kms:dsse'];

export const defaultEncryption: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const bucket of inventory.buckets.value) {
      if (bucket.encryption.kind === 'not-collected') {
        missing.push(bucket.encryption.reason);
        continue;
      }
      const rules = bucket.encryption.value ?? [];
      examined.push({ bucket: bucket.name, encryption: rules });
      if (!rules.some((r) => ACCEPTED.includes(r.algorithm))) {
        findings.push({ resource: bucket.arn, account, region: bucketRegion(bucket), problem: rules.length === 0 ? 'no default encryption configuration' : `default encryption uses ${rules.map((r) => r.algorithm).join(', ')}` });
      }
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { buckets: examined } });
  },
};
