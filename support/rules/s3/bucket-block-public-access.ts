import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { bucketRegion, effectivePublicAccessBlock, missingFlags, unreadable } from './facts';

export const meta: RuleMeta = {
  id: 's3.bucket-block-public-access',
  title: 'Every bucket blocks public access effectively (all four flags)',
  domain: 's3',
  severity: 'critical',
  cis: '2.1.4',
  rationale: 'A flag is in effect when it is on at the account or at the bucket; a bucket with any flag off in both places can be made public by a policy or an ACL.',
  remediation: 'aws s3api put-public-access-block --bucket <name> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
};

export const bucketBlockPublicAccess: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account, config }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const accountLevel = inventory.accountPublicAccessBlock;
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const bucket of inventory.buckets.value) {
      if (config.s3.publicWebsiteBuckets.includes(bucket.name)) {
        examined.push({ bucket: bucket.name, accepted: 'listed in s3.publicWebsiteBuckets' });
        continue;
      }
      const cannotRead = unreadable(accountLevel, bucket.publicAccessBlock);
      if (cannotRead.length > 0 || accountLevel.kind !== 'collected' || bucket.publicAccessBlock.kind !== 'collected') {
        missing.push(...cannotRead);
        continue;
      }
      const effective = effectivePublicAccessBlock(accountLevel.value, bucket.publicAccessBlock.value);
      examined.push({ bucket: bucket.name, account: accountLevel.value, bucketLevel: bucket.publicAccessBlock.value, effective });
      const off = missingFlags(effective);
      if (off.length > 0) {
        findings.push({ resource: bucket.arn, account, region: bucketRegion(bucket), problem: `${off.join(', ')} off at both account and bucket level` });
      }
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { buckets: examined } });
  },
};
