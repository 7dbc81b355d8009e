import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, label, s3Origins } from './facts';

export const meta: RuleMeta = {
  id: 'sites.s3-origin-access-control',
  title: 'Every S3 origin is read through Origin Access Control',
  domain: 'sites',
  severity: 'high',
  rationale: 'An S3 origin without origin access (or the static-website endpoint, which cannot use it) needs a public bucket, so anyone can bypass CloudFront, its HTTPS policy and its viewer functions.',
  remediation: 'Turn off static website hosting, point the origin at the bucket REST endpoint (<bucket>.s3.<region>.amazonaws.com), attach an Origin Access Control (signing: always, sigv4) and let only cloudfront.amazonaws.com with AWS:SourceArn = the distribution read the bucket.',
};

export const s3OriginAccessControl: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const findings: Finding[] = [];
    const examined = [];
    for (const distribution of distributions) {
      for (const { origin, bucket, endpoint } of s3Origins(distribution)) {
        examined.push({ distribution: distribution.id, origin: origin.id, bucket, endpoint, originAccessControlId: origin.originAccessControlId, originAccessIdentity: origin.originAccessIdentity });
        const problem =
          endpoint === 'website'
            ? `origin ${origin.id} is the S3 website endpoint of ${bucket}: it cannot use Origin Access Control, so the bucket must be public`
            : origin.originAccessControlId || origin.originAccessIdentity
              ? undefined // a legacy OAI restricts access too; sites.no-legacy-origin-access-identity asks to migrate it
              : `origin ${origin.id} (bucket ${bucket}) has no Origin Access Control: CloudFront reads it unsigned, so the bucket must be public`;
        if (problem) findings.push({ resource: distribution.arn, account, region: 'global', problem: `${label(distribution)}: ${problem}` });
      }
    }
    return verdictFrom({ findings, checked: examined.length, evidence: { origins: examined } });
  },
};
