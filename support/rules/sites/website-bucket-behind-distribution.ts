import { publicAllowStatements, publicGrants } from '../s3/facts';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, s3Origins } from './facts';

export const meta: RuleMeta = {
  id: 'sites.website-bucket-behind-distribution',
  title: 'No public website bucket is served without a CloudFront distribution',
  domain: 'sites',
  severity: 'medium',
  rationale: 'A public S3 website endpoint serves plain HTTP only, with no TLS, no authentication and no edge protection, and the bucket must stay public.',
  remediation: 'As the article does: keep the bucket private (Block Public Access on, website hosting off), create a distribution whose origin is the bucket REST endpoint with Origin Access Control ("Restrict Bucket Access"), let only that distribution read it, set the default root object to index.html and redirect HTTP to HTTPS.',
};

export const websiteBucketBehindDistribution: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    if (inventory.s3.buckets.kind !== 'collected') return notVerified(inventory.s3.buckets.reason);
    const fronted = new Set(distributions.flatMap((d) => s3Origins(d).map((o) => o.bucket)));
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    const websites = [];
    for (const bucket of inventory.s3.buckets.value) {
      // Skipped website hosting: the collector asks only buckets with a public or CloudFront grant.
      if (bucket.website.kind === 'skipped') continue;
      if (bucket.website.kind !== 'collected' || bucket.policy.kind !== 'collected' || bucket.acl.kind !== 'collected') {
        for (const p of [bucket.website, bucket.policy, bucket.acl]) if (p.kind === 'not-collected') unreadable.push(p.reason);
        continue;
      }
      if (!bucket.website.value) continue;
      // Meant to be public (a public grant), whether or not Block Public Access neutralises it today.
      const publicByPolicy = publicAllowStatements(bucket.policy.value?.Statement ?? []).length > 0;
      const publicByAcl = publicGrants(bucket.acl.value).length > 0;
      websites.push({ bucket: bucket.name, public: publicByPolicy || publicByAcl, fronted: fronted.has(bucket.name) });
      if ((publicByPolicy || publicByAcl) && !fronted.has(bucket.name)) {
        findings.push({ resource: bucket.arn, account, region: bucket.region.kind === 'collected' ? bucket.region.value : 'unknown', problem: `public website bucket ${bucket.name} has no CloudFront distribution in front: serve it through CloudFront with Origin Access Control and make it private` });
      }
    }
    return verdictFrom({ findings, checked: websites.length, unreadable, evidence: { websites } });
  },
};
