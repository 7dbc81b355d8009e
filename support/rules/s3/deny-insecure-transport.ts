import type { PolicyStatement } from '../../inventory/types/s3';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { asArray, bucketRegion, isEveryone } from './facts';

export const meta: RuleMeta = {
  id: 's3.deny-insecure-transport',
  title: 'Every bucket policy denies plain HTTP (aws:SecureTransport false)',
  domain: 's3',
  severity: 'medium',
  cis: '2.1.1',
  rationale: 'S3 answers HTTP as well as HTTPS; only a Deny on aws:SecureTransport = false in the bucket policy refuses unencrypted requests.',
  remediation: 'Add {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}',
};

function deniesInsecureTransport(statement: PolicyStatement, bucket: string): boolean {
  if (statement.Effect !== 'Deny' || !isEveryone(statement.Principal)) return false;
  const actions = asArray(statement.Action);
  if (!actions.some((a) => a === '*' || a === 's3:*')) return false;
  const resources = asArray(statement.Resource);
  const coversBucket = resources.some((r) => r === '*' || r === `arn:aws:s3:::${bucket}`);
  const coversObjects = resources.some((r) => r === '*' || r === `arn:aws:s3:::${bucket}/*`);
  const bool = Object.entries(statement.Condition ?? {}).find(([operator]) => operator === 'Bool')?.[1] ?? {};
  const secure = Object.entries(bool).find(([key]) => key.toLowerCase() === 'aws:securetransport')?.[1];
  return coversBucket && coversObjects && asArray(secure as string | string[]).some((v) => String(v).toLowerCase() === 'false');
}

export const denyInsecureTransport: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const bucket of inventory.buckets.value) {
      if (bucket.policy.kind === 'not-collected') {
        missing.push(bucket.policy.reason);
        continue;
      }
      const denies = (bucket.policy.value?.Statement ?? []).some((s) => deniesInsecureTransport(s, bucket.name));
      examined.push({ bucket: bucket.name, hasPolicy: bucket.policy.value !== null, deniesInsecureTransport: denies });
      if (!denies) {
        findings.push({
          resource: bucket.arn,
          account,
          region: bucketRegion(bucket),
          problem: bucket.policy.value === null ? 'no bucket policy, so plain HTTP requests are not denied' : 'bucket policy has no Deny for s3:* on the bucket and its objects when aws:SecureTransport is false',
        });
      }
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { buckets: examined } });
  },
};
