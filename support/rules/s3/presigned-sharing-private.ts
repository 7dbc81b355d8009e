import { collected } from '../../inventory/collected';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { bucketRegion, effectivePublicAccessBlock, granteeName, missingFlags, publicAllowStatements, publicGrants, unreadable } from './facts';

export const meta: RuleMeta = {
  id: 's3.presigned-sharing-private',
  title: 'Buckets shared by presigned URL hold no public grant and block public access',
  domain: 's3',
  severity: 'high',
  rationale: 'A presigned URL gives one object to whoever holds it, for a limited time, with the signer\'s permissions; it only means something if the bucket is otherwise private.',
  remediation: 'Remove public policy statements and public ACLs from the bucket, turn on all four Block Public Access settings, and share objects with `aws s3 presign s3://<bucket>/<key> --expires-in 3600`.',
};

/** The configured names for this account ({account} = the audited account id). */
export function presignedBuckets(listed: readonly string[], account: string): string[] {
  return listed.map((name) => name.replaceAll('{account}', account));
}

export const presignedSharingPrivate: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account, config }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const names = presignedBuckets(config.s3.presignedSharingBuckets, account);
    // Listed buckets of other accounts are not here: each account is judged on its own.
    const shared = inventory.buckets.value.filter((b) => names.includes(b.name));
    const findings: Finding[] = [];
    const missing: string[] = [];
    for (const bucket of shared) {
      // Object ACLs skipped by the collector (no objects, or ACLs disabled) cannot grant anything.
      const objectAcls = bucket.objectAcls.kind === 'skipped' ? collected({ objects: [], truncated: false }) : bucket.objectAcls;
      const cannotRead = unreadable(bucket.policy, bucket.acl, objectAcls, bucket.publicAccessBlock, inventory.accountPublicAccessBlock);
      if (cannotRead.length > 0 || bucket.policy.kind !== 'collected' || bucket.acl.kind !== 'collected' || objectAcls.kind !== 'collected' || bucket.publicAccessBlock.kind !== 'collected' || inventory.accountPublicAccessBlock.kind !== 'collected') {
        missing.push(...cannotRead);
        continue;
      }
      if (objectAcls.value.truncated) missing.push(`${bucket.name}: object ACLs past the first ${objectAcls.value.objects.length} objects not read (s3.objectAclSampleLimit)`);
      const problems = [
        ...publicAllowStatements(bucket.policy.value?.Statement ?? []).map((s) => `policy statement ${s.Sid ?? '(no Sid)'} allows everyone`),
        ...publicGrants(bucket.acl.value).map((g) => `bucket ACL grants ${g.permission} to ${granteeName(g)}`),
        ...objectAcls.value.objects.flatMap((o) => publicGrants(o.grants).map((g) => `object ${o.key} ACL grants ${g.permission} to ${granteeName(g)}`)),
      ];
      const off = missingFlags(effectivePublicAccessBlock(inventory.accountPublicAccessBlock.value, bucket.publicAccessBlock.value));
      if (off.length > 0) problems.push(`Block Public Access ${off.join(', ')} not in effect`);
      for (const problem of problems) findings.push({ resource: bucket.arn, account, region: bucketRegion(bucket), problem: `shared by presigned URL, yet ${problem}` });
    }
    return verdictFrom({ findings, checked: shared.length, unreadable: missing, evidence: { listed: names, found: shared.map((b) => b.name) } });
  },
};
