import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { bucketRegion, effectivePublicAccessBlock, granteeName, publicGrants } from './facts';

export const meta: RuleMeta = {
  id: 's3.no-public-acls',
  title: 'No bucket or object ACL grants AllUsers or AuthenticatedUsers',
  domain: 's3',
  severity: 'high',
  rationale: 'A public grant in an ACL is latent exposure: IgnorePublicAcls hides it today, and it is live again the moment Block Public Access is relaxed. AuthenticatedUsers means any AWS account, not yours.',
  remediation: 'Remove the grant (put-bucket-acl / put-object-acl --acl private) and set Object Ownership to BucketOwnerEnforced to disable ACLs.',
};

export const noPublicAcls: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const accountLevel = inventory.accountPublicAccessBlock.kind === 'collected' ? inventory.accountPublicAccessBlock.value : null;
    const findings: Finding[] = [];
    const missing: string[] = [];
    let checked = 0;
    const examined = [];
    for (const bucket of inventory.buckets.value) {
      const region = bucketRegion(bucket);
      const ignored = effectivePublicAccessBlock(accountLevel, bucket.publicAccessBlock.kind === 'collected' ? bucket.publicAccessBlock.value : null).IgnorePublicAcls;
      const note = ignored ? ' (ineffective today because IgnorePublicAcls is on)' : '';
      if (bucket.acl.kind === 'not-collected') missing.push(bucket.acl.reason);
      else {
        checked++;
        for (const grant of publicGrants(bucket.acl.value)) {
          findings.push({ resource: bucket.arn, account, region, problem: `bucket ACL grants ${grant.permission} to ${granteeName(grant)}${note}` });
        }
      }
      if (bucket.objectAcls.kind === 'not-collected') missing.push(bucket.objectAcls.reason);
      else if (bucket.objectAcls.kind === 'skipped') examined.push({ bucket: bucket.name, objectAcls: `not read: ${bucket.objectAcls.why}` });
      else {
        checked += bucket.objectAcls.value.objects.length;
        examined.push({ bucket: bucket.name, objectsRead: bucket.objectAcls.value.objects.length, truncated: bucket.objectAcls.value.truncated });
        for (const object of bucket.objectAcls.value.objects) {
          for (const grant of publicGrants(object.grants)) {
            findings.push({ resource: `${bucket.arn}/${object.key}`, account, region, problem: `object ACL grants ${grant.permission} to ${granteeName(grant)}${note}` });
          }
        }
        // A sample is not the bucket: the objects past s3.objectAclSampleLimit were not read.
        if (bucket.objectAcls.value.truncated) missing.push(`${bucket.name}: object ACLs past the first ${bucket.objectAcls.value.objects.length} objects not read (s3.objectAclSampleLimit)`);
      }
    }
    return verdictFrom({ findings, checked, unreadable: missing, evidence: { buckets: examined } });
  },
};
