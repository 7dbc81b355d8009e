import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { bucketRegion } from './facts';

export const meta: RuleMeta = {
  id: 's3.access-logging',
  title: 'Server access logs go to a different bucket',
  domain: 's3',
  severity: 'low',
  rationale: 'Access logs record who asked for what. A bucket that logs into itself writes a log about every log it writes; a log bucket is itself exempt. Logging is free; delivery is best effort and delayed.',
  remediation: 'aws s3api put-bucket-logging --bucket <name> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<name>-logs","TargetPrefix":"<name>/"}}\'',
};

export const accessLogging: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const buckets = inventory.buckets.value;
    const missing = buckets.flatMap((b) => (b.logging.kind === 'not-collected' ? [b.logging.reason] : []));
    // A bucket that receives other buckets' logs is a log bucket: it is not asked to log itself.
    const logBuckets = new Set(buckets.flatMap((b) => (b.logging.kind === 'collected' && b.logging.value && b.logging.value.targetBucket !== b.name ? [b.logging.value.targetBucket] : [])));
    const findings: Finding[] = [];
    const examined = [];
    for (const bucket of buckets) {
      if (bucket.logging.kind === 'not-collected') continue;
      const target = bucket.logging.value?.targetBucket;
      examined.push({ bucket: bucket.name, logsTo: target ?? null, isLogBucket: logBuckets.has(bucket.name) });
      if (target === bucket.name) findings.push({ resource: bucket.arn, account, region: bucketRegion(bucket), problem: 'server access logs are delivered into the bucket itself' });
      else if (!target && !logBuckets.has(bucket.name)) findings.push({ resource: bucket.arn, account, region: bucketRegion(bucket), problem: 'server access logging is off' });
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { buckets: examined } });
  },
};
