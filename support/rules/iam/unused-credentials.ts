import type { CredentialReportRow } from '../../inventory/types/iam';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { ageInDays, missingColumns, rowEvidence } from './facts';

export const meta: RuleMeta = {
  id: 'iam.unused-credentials',
  title: 'Credentials unused for 45 days or more are disabled',
  domain: 'iam',
  severity: 'medium',
  cis: '1.11',
  rationale: 'A password or key nobody uses is nobody\'s to miss when it leaks; disabling it removes the risk at no cost.',
  remediation: 'aws iam delete-login-profile --user-name <user> for an unused password; aws iam update-access-key --status Inactive (then delete) for an unused key.',
};

const COLUMNS = ['password_enabled', 'password_last_used', 'password_last_changed', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date'];

/**
 * From the credential report, as CIS audits it: an enabled password or an active key whose last use (or,
 * never used, whose creation) is `iam.unusedCredentialDays` or more ago.
 */
export function staleCredentials(row: CredentialReportRow, now: string, days: number): string[] {
  const problems: string[] = [];
  if (row.passwordEnabled) {
    const since = row.passwordLastUsed ?? row.passwordLastChanged ?? row.userCreationTime;
    if (since && ageInDays(since, now) >= days) {
      problems.push(row.passwordLastUsed ? `console password last used ${ageInDays(since, now)} days ago` : `console password never used, set ${ageInDays(since, now)} days ago`);
    }
  }
  for (const key of row.accessKeys) {
    if (!key.active) continue;
    const since = key.lastUsedDate ?? key.lastRotated;
    if (since && ageInDays(since, now) >= days) {
      problems.push(key.lastUsedDate ? `access key ${key.slot} last used ${ageInDays(since, now)} days ago` : `access key ${key.slot} never used, created ${ageInDays(since, now)} days ago`);
    }
  }
  return problems;
}

export const unusedCredentials: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region, config }) {
    const report = inventory.credentialReport;
    if (report.kind === 'not-collected') return notVerified(report.reason);
    const missing = missingColumns(report.value, COLUMNS);
    if (missing.length > 0) return notVerified(`the credential report has no ${missing.join(', ')} column(s)`);
    const days = config.iam.unusedCredentialDays;
    const users = report.value.rows.filter((row) => row.user !== '<root_account>');
    const findings: Finding[] = users.flatMap((row) => staleCredentials(row, inventory.collectedAt, days).map((problem) => ({ resource: row.arn, account, region, problem: `${problem} (limit ${days})` })));
    return verdictFrom({ findings, checked: users.length, evidence: { unusedCredentialDays: days, asOf: inventory.collectedAt, users: users.map(rowEvidence) } });
  },
};
