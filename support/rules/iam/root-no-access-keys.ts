import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';
import { accountArn, missingColumns, noRootRow, rootRow, unreadable, rowEvidence } from './facts';

export const meta: RuleMeta = {
  id: 'iam.root-no-access-keys',
  title: 'The root user has no active access keys',
  domain: 'iam',
  severity: 'critical',
  cis: '1.3',
  rationale: 'Root access keys hold every permission of the account, cannot be limited by IAM policies and are the most valuable secret an attacker can find in code or on a laptop.',
  remediation: 'Sign in as the root user, open Security credentials, deactivate and delete every access key; use IAM roles for programs.',
};

const KEY_COLUMNS = ['access_key_1_active', 'access_key_2_active'];

/** The credential report's <root_account> row decides; without it, GetAccountSummary (AccountAccessKeysPresent), as CIS documents. */
export const rootNoAccessKeys: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    const report = inventory.credentialReport;
    // A report without both key columns cannot show the root keys: fall back to the account summary.
    const missing = report.kind === 'collected' ? missingColumns(report.value, KEY_COLUMNS) : [];
    const root = report.kind === 'collected' && missing.length === 0 ? rootRow(report.value) : undefined;
    const reportGap = missing.length > 0 ? `the credential report has no ${missing.join(', ')} column(s)` : noRootRow();
    const resource = accountArn(account);
    if (root) {
      const active = root.accessKeys.filter((k) => k.active).map((k) => `access key ${k.slot}`);
      const findings = active.length > 0 ? [{ resource, account, region, problem: `the root user has ${active.join(' and ')} active (credential report)` }] : [];
      return verdictFrom({ findings, checked: 1, evidence: { source: 'credential report <root_account> row', root: rowEvidence(root) } });
    }
    const summary = inventory.accountSummary;
    if (summary.kind === 'collected' && summary.value.accountAccessKeysPresent !== null) {
      const present = summary.value.accountAccessKeysPresent;
      const findings = present > 0 ? [{ resource, account, region, problem: `GetAccountSummary AccountAccessKeysPresent is ${present}: the root user has access keys` }] : [];
      return verdictFrom({ findings, checked: 1, evidence: { source: 'GetAccountSummary', AccountAccessKeysPresent: present, credentialReport: report.kind === 'collected' ? reportGap : report.reason } });
    }
    return notVerified([...unreadable(report, summary), report.kind === 'collected' ? reportGap : '', summary.kind === 'collected' ? 'GetAccountSummary has no AccountAccessKeysPresent' : ''].filter(Boolean).join('; '));
  },
};
