import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { asArray, bucketRegion, publicAllowStatements } from './facts';

export const meta: RuleMeta = {
  id: 's3.bucket-policy-not-public',
  title: 'No bucket policy grants access to everyone',
  domain: 's3',
  severity: 'critical',
  rationale: 'Principal "*" without a condition that narrows it (source network, organization, account) lets anyone on the internet use the bucket.',
  remediation: 'Name the principals that need access, add a restricting condition (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp), or serve a website through CloudFront with origin access control.',
};

/** A public website may let everyone read objects, and nothing more. */
const WEBSITE_READ_ACTIONS = ['s3:GetObject'];

export const bucketPolicyNotPublic: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account, config }) {
    if (inventory.buckets.kind === 'not-collected') return notVerified(inventory.buckets.reason);
    const findings: Finding[] = [];
    const missing: string[] = [];
    const examined = [];
    for (const bucket of inventory.buckets.value) {
      if (bucket.policy.kind === 'not-collected') {
        missing.push(bucket.policy.reason);
        continue;
      }
      const statements = publicAllowStatements(bucket.policy.value?.Statement ?? []);
      const website = config.s3.publicWebsiteBuckets.includes(bucket.name);
      const offending = website
        ? statements.filter((s) => s.NotAction !== undefined || asArray(s.Action).some((a) => !WEBSITE_READ_ACTIONS.includes(a)))
        : statements;
      examined.push({ bucket: bucket.name, publicStatements: statements, acceptedAsWebsite: website });
      for (const statement of offending) {
        const actions = statement.NotAction !== undefined ? `everything except ${asArray(statement.NotAction).join(', ')}` : asArray(statement.Action).join(', ');
        const who = statement.NotPrincipal !== undefined ? 'everyone except the NotPrincipal' : 'everyone (Principal "*")';
        findings.push({
          resource: bucket.arn,
          account,
          region: bucketRegion(bucket),
          problem: `policy statement ${statement.Sid ?? '(no Sid)'} allows ${who} ${actions} with no restricting condition${website ? ' (beyond what a public website needs)' : ''}`,
        });
      }
    }
    return verdictFrom({ findings, checked: examined.length, unreadable: missing, evidence: { buckets: examined } });
  },
};
