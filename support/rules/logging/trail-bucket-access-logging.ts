import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';
import { evaluateTrailBuckets } from './trail-bucket';

export const meta: RuleMeta = {
  id: 'logging.trail-bucket-access-logging',
  title: 'The CloudTrail bucket delivers server access logs to another bucket',
  domain: 'logging',
  severity: 'medium',
  cis: '3.4',
  rationale: 'Server access logs of the trail bucket show who read or tried to delete the audit logs — requests CloudTrail management events do not record.',
  remediation: 'aws s3api put-bucket-logging --bucket <trail bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log bucket>","TargetPrefix":"<trail bucket>/"}}\'',
};

export const trailBucketAccessLogging: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, context) {
    return evaluateTrailBuckets(inventory, context, (bucket) => {
      const { logging, arn } = bucket.facts;
      if (logging.kind === 'not-collected') return notVerified(logging.reason);
      const target = logging.value?.targetBucket ?? null;
      const problem = !target ? 'server access logging is off' : target === bucket.name ? 'server access logs are delivered into the trail bucket itself' : null;
      const findings = problem ? [{ resource: arn, account: context.account, region: context.region, problem }] : [];
      return verdictFrom({ findings, checked: 1, evidence: { bucket: bucket.name, logsTo: target } });
    });
  },
};
