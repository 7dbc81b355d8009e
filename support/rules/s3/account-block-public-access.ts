import type { Control } from '../control';
import { compliant, notVerified, verdictFrom, type RuleMeta } from '../types';
import { effectivePublicAccessBlock, missingFlags } from './facts';

export const meta: RuleMeta = {
  id: 's3.account-block-public-access',
  title: 'Account-level S3 Block Public Access has all four settings on',
  domain: 's3',
  severity: 'high',
  cis: '2.1.4',
  rationale: 'Account-level Block Public Access overrides every bucket and every future bucket, so one mistaken policy or ACL cannot publish data.',
  remediation: 'aws s3control put-public-access-block --account-id <id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
};

export const accountBlockPublicAccess: Control<'s3'> = {
  meta,
  inventory: 's3',
  evaluate(inventory, { account, region }) {
    const settings = inventory.accountPublicAccessBlock;
    if (settings.kind === 'not-collected') return notVerified(settings.reason);
    const missing = missingFlags(effectivePublicAccessBlock(settings.value, null));
    const evidence = { account, accountPublicAccessBlock: settings.value };
    if (missing.length === 0) return compliant(1, evidence);
    const problem = settings.value === null ? 'no account-level Block Public Access configuration' : `account-level Block Public Access has ${missing.join(', ')} off`;
    return verdictFrom({ findings: [{ resource: `arn:aws:s3::${account}:account`, account, region, problem }], checked: 1, evidence });
  },
};
