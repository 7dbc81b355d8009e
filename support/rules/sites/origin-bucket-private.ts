import { collected } from '../../inventory/collected';
import { asArray, wildcardMatch } from '../policy-json';
import { effectivePublicAccessBlock, missingFlags, publicAllowStatements, publicGrants, granteeName } from '../s3/facts';
import type { PolicyStatement } from '../../inventory/types/s3';
import type { DistributionFacts } from '../../inventory/types/cloudfront';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionArnParts, distributionsOf, findBucket, isRuleResult, label, sameDistribution, s3Origins, type S3Origin } from './facts';

export const meta: RuleMeta = {
  id: 'sites.origin-bucket-private',
  title: 'Each S3 origin bucket lets only its distribution read, and is otherwise private',
  domain: 'sites',
  severity: 'critical',
  rationale: 'OAC only signs requests; the bucket policy decides. Without AWS:SourceArn any distribution (of any account) can read through cloudfront.amazonaws.com, and a public policy, public ACL, missing Block Public Access or website hosting lets viewers bypass CloudFront.',
  remediation: 'Bucket policy: Allow {"Service": "cloudfront.amazonaws.com"} s3:GetObject on <bucket>/* with Condition StringEquals AWS:SourceArn = the distribution ARN; no other public grant; all four Block Public Access settings on; static website hosting off.',
};

const SERVICE = 'cloudfront.amazonaws.com';
const OAI_USER = /^arn:aws[a-z-]*:iam::cloudfront:user\/CloudFront Origin Access Identity (\w+)$/;

const grantsGetObject = (s: PolicyStatement, bucket: string) =>
  s.Effect === 'Allow' &&
  asArray(s.Action).some((a) => wildcardMatch(a.toLowerCase(), 's3:getobject')) &&
  asArray(s.Resource).some((r) => wildcardMatch(r, `arn:aws:s3:::${bucket}/index.html`));

const principals = (s: PolicyStatement, kind: 'Service' | 'AWS' | 'CanonicalUser'): string[] =>
  s.Principal && typeof s.Principal === 'object' ? asArray((s.Principal as Record<string, string | string[]>)[kind]) : [];

/** The values of a condition key under positive string/ARN operators (case-insensitive key, as IAM reads it). */
function conditionValues(s: PolicyStatement, key: string): string[] {
  return Object.entries(s.Condition ?? {})
    .filter(([operator]) => /^(StringEquals|StringLike|ArnEquals|ArnLike)$/i.test(operator))
    .flatMap(([, clause]) => Object.entries(clause).filter(([k]) => k.toLowerCase() === key).flatMap(([, v]) => asArray(v as string | string[]).map(String)));
}

/** Does the statement let this distribution (OAC) or its OAI read the bucket's objects? */
function letsDistributionRead(s: PolicyStatement, bucket: string, distribution: DistributionFacts, origin: S3Origin): boolean {
  if (!grantsGetObject(s, bucket)) return false;
  if (origin.origin.originAccessControlId) {
    return principals(s, 'Service').includes(SERVICE) && conditionValues(s, 'aws:sourcearn').some((arn) => sameDistribution(arn, distribution.arn));
  }
  const oai = origin.origin.originAccessIdentity?.split('/').pop();
  return oai !== undefined && (principals(s, 'AWS').some((p) => OAI_USER.exec(p)?.[1] === oai) || principals(s, 'CanonicalUser').length > 0);
}

/** cloudfront.amazonaws.com allowed without naming a distribution of this account: any distribution could read. */
function anyDistribution(s: PolicyStatement, account: string): boolean {
  if (s.Effect !== 'Allow' || !principals(s, 'Service').includes(SERVICE)) return false;
  const arns = conditionValues(s, 'aws:sourcearn');
  const accounts = conditionValues(s, 'aws:sourceaccount');
  if (arns.length > 0) return !arns.every((arn) => distributionArnParts(arn) !== undefined);
  return !(accounts.length > 0 && accounts.every((a) => a === account));
}

export const originBucketPrivate: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    const examined = [];
    const accountBlock = inventory.s3.accountPublicAccessBlock;
    for (const distribution of distributions) {
      for (const origin of s3Origins(distribution).filter((o) => o.endpoint === 'rest')) {
        if (!origin.origin.originAccessControlId && !origin.origin.originAccessIdentity) continue; // no origin access: sites.s3-origin-access-control names it
        const bucket = findBucket(inventory, origin.bucket);
        if (!bucket) {
          unreadable.push(inventory.s3.buckets.kind === 'collected' ? `origin bucket ${origin.bucket} of ${distribution.id} is not in account ${account}: its policy was not read` : inventory.s3.buckets.reason);
          continue;
        }
        // Website hosting is skipped by the collector only on a bucket that grants neither everyone nor
        // CloudFront: such an origin bucket is a finding already (its distribution cannot read it).
        const website = bucket.website.kind === 'skipped' ? collected(null) : bucket.website;
        const pieces = [bucket.policy, bucket.publicAccessBlock, bucket.acl, website, accountBlock];
        const missing = pieces.flatMap((p) => (p.kind === 'not-collected' ? [p.reason] : []));
        if (missing.length > 0 || bucket.policy.kind !== 'collected' || bucket.publicAccessBlock.kind !== 'collected' || bucket.acl.kind !== 'collected' || website.kind !== 'collected' || accountBlock.kind !== 'collected') {
          unreadable.push(...missing);
          continue;
        }
        const statements = bucket.policy.value?.Statement ?? [];
        const problems: string[] = [];
        if (!statements.some((s) => letsDistributionRead(s, bucket.name, distribution, origin))) {
          problems.push(origin.origin.originAccessControlId ? `its policy does not let ${SERVICE} with AWS:SourceArn = ${distribution.arn} read s3:GetObject` : `its policy does not let ${origin.origin.originAccessIdentity} read s3:GetObject`);
        }
        for (const s of statements.filter((st) => anyDistribution(st, account))) problems.push(`statement ${s.Sid ?? '(no Sid)'} lets ${SERVICE} read without AWS:SourceArn naming a distribution: any distribution could`);
        for (const s of publicAllowStatements(statements)) problems.push(`statement ${s.Sid ?? '(no Sid)'} allows everyone`);
        for (const g of publicGrants(bucket.acl.value)) problems.push(`bucket ACL grants ${g.permission} to ${granteeName(g)}`);
        const off = missingFlags(effectivePublicAccessBlock(accountBlock.value, bucket.publicAccessBlock.value));
        if (off.length > 0) problems.push(`Block Public Access ${off.join(', ')} not in effect`);
        if (website.value) problems.push('static website hosting is on');
        examined.push({ distribution: distribution.id, bucket: bucket.name, problems });
        for (const problem of problems) findings.push({ resource: bucket.arn, account, region: bucket.region.kind === 'collected' ? bucket.region.value : 'unknown', problem: `origin of ${label(distribution)}: ${problem}` });
      }
    }
    return verdictFrom({ findings, checked: examined.length, unreadable, evidence: { origins: examined } });
  },
};
