import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'logging.security-hub-enabled',
  title: 'AWS Security Hub is enabled in every audited region',
  domain: 'logging',
  severity: 'medium',
  cis: '4.16',
  rationale: 'Security Hub collects findings from GuardDuty, Inspector, Macie, IAM Access Analyzer and its own standards checks in one place per region; a region without it has no such view.',
  remediation: 'aws securityhub enable-security-hub --region <region> (in every region; with Organizations, a delegated administrator and central configuration).',
};

export const securityHubEnabled: Control<'securityHub'> = {
  meta,
  inventory: 'securityHub',
  evaluate(inventory, { account, region }) {
    if (inventory.hub.kind === 'not-collected') return notVerified(inventory.hub.reason);
    const hub = inventory.hub.value;
    const findings = hub ? [] : [{ resource: `arn:aws:securityhub:${region}:${account}:hub/default`, account, region, problem: `Security Hub is not enabled in ${region}` }];
    return verdictFrom({ findings, checked: 1, evidence: { region, hub } });
  },
};
