import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';
import { evaluateTrailBuckets } from './trail-bucket';

export const meta: RuleMeta = {
  id: 'logging.trail-bucket-keeps-logs',
  title: 'The CloudTrail bucket keeps log files from deletion (versioning with Object Lock or MFA delete)',
  domain: 'logging',
  severity: 'high',
  rationale:
    'Whoever can delete log files can hide what they did. Versioning keeps overwritten and deleted objects; Object Lock (retention) or MFA delete stops the versions themselves from being removed. Object Lock can be turned on for an existing versioned bucket since 2023.',
  remediation:
    'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled && aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":365}}}\'',
};

export const trailBucketKeepsLogs: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, context) {
    return evaluateTrailBuckets(inventory, context, (bucket) => {
      const { versioning } = bucket.facts;
      if (versioning.kind === 'not-collected') return notVerified(versioning.reason);
      // Needed here: a skipped read is never a pass.
      if (versioning.kind === 'skipped') return notVerified(`${bucket.name}: versioning not read (${versioning.why})`);
      if (bucket.objectLock.kind === 'not-collected') return notVerified(bucket.objectLock.reason);
      const versioned = versioning.value.status === 'Enabled';
      const locked = bucket.objectLock.value?.enabled === true;
      const mfaDelete = versioning.value.mfaDelete === 'Enabled';
      const problems = [
        ...(versioned ? [] : [`versioning is ${versioning.value.status ?? 'never enabled'}`]),
        ...(locked || mfaDelete ? [] : ['neither Object Lock nor MFA delete is enabled, so versions can be deleted']),
      ];
      const evidence = { bucket: bucket.name, versioning: versioning.value, objectLock: bucket.objectLock.value };
      const findings = problems.length > 0 ? [{ resource: bucket.facts.arn, account: context.account, region: context.region, problem: problems.join('; ') }] : [];
      return verdictFrom({ findings, checked: 1, evidence });
    });
  },
};
