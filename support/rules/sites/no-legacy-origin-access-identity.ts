import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, label, s3Origins } from './facts';

export const meta: RuleMeta = {
  id: 'sites.no-legacy-origin-access-identity',
  title: 'No S3 origin still uses a legacy origin access identity',
  domain: 'sites',
  severity: 'low',
  rationale: 'An origin access identity (OAI) is the legacy way: it cannot sign for SSE-KMS objects, PUT/DELETE or S3 in Regions opened after December 2022. Origin Access Control replaces it.',
  remediation: 'Create an Origin Access Control, attach it to the origin, add the cloudfront.amazonaws.com statement with AWS:SourceArn to the bucket policy, then remove the OAI from the origin and its principal from the policy.',
};

export const noLegacyOriginAccessIdentity: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const findings: Finding[] = [];
    let checked = 0;
    for (const distribution of distributions) {
      for (const { origin, bucket } of s3Origins(distribution)) {
        checked++;
        if (origin.originAccessIdentity && !origin.originAccessControlId) {
          findings.push({ resource: distribution.arn, account, region: 'global', problem: `${label(distribution)}: origin ${origin.id} (bucket ${bucket}) reads through the legacy ${origin.originAccessIdentity}: migrate to Origin Access Control` });
        }
      }
    }
    return verdictFrom({ findings, checked });
  },
};
