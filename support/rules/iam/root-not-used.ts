import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { accountArn, ageInDays, missingColumns, noRootRow, rootRow, rowEvidence } from './facts';

export const meta: RuleMeta = {
  id: 'iam.root-not-used',
  title: 'The root user is not used for daily work',
  domain: 'iam',
  severity: 'high',
  cis: '1.6',
  rationale: 'Everyday work belongs to IAM users or roles with only the permissions they need; root sign-ins are for the few tasks only root can do (support plan, closing the account).',
  remediation: 'Create an administrator user or role, use it, and keep the root credentials locked away; investigate any recent root use in CloudTrail.',
};

const COLUMNS = ['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date'];

/** Root password or key use within `iam.rootRecentUseDays` (credential report) is daily use. */
export const rootNotUsed: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region, config }) {
    const report = inventory.credentialReport;
    if (report.kind === 'not-collected') return notVerified(report.reason);
    const missing = missingColumns(report.value, COLUMNS);
    if (missing.length > 0) return notVerified(`the credential report has no ${missing.join(', ')} column(s)`);
    const root = rootRow(report.value);
    if (!root) return notVerified(noRootRow());
    const days = config.iam.rootRecentUseDays;
    const uses = [
      { what: 'password', when: root.passwordLastUsed },
      ...root.accessKeys.map((k) => ({ what: `access key ${k.slot}`, when: k.lastUsedDate })),
    ].filter((u): u is { what: string; when: string } => u.when !== null);
    const recent = uses.filter((u) => ageInDays(u.when, inventory.collectedAt) < days);
    const findings: Finding[] = recent.map((u) => ({ resource: accountArn(account), account, region, problem: `the root user's ${u.what} was used on ${u.when} (within ${days} days)` }));
    return verdictFrom({ findings, checked: 1, evidence: { root: rowEvidence(root), rootRecentUseDays: days, asOf: inventory.collectedAt } });
  },
};
