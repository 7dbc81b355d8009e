import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';
import { accountArn, noRootRow, rootRow, unreadable, rowEvidence } from './facts';

export const meta: RuleMeta = {
  id: 'iam.root-mfa',
  title: 'The root user signs in with MFA',
  domain: 'iam',
  severity: 'critical',
  cis: '1.4',
  rationale: 'The root user can do anything, including closing the account; a password alone is one phishing email away from losing it.',
  remediation: 'Sign in as the root user, open Security credentials, assign an MFA device (hardware or passkey preferred, CIS 1.5).',
};

/** The credential report's <root_account> row (mfa_active) decides; without it, GetAccountSummary AccountMFAEnabled, as CIS documents. */
export const rootMfa: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    const report = inventory.credentialReport;
    const root = report.kind === 'collected' ? rootRow(report.value) : undefined;
    const resource = accountArn(account);
    if (root) {
      const findings = root.mfaActive ? [] : [{ resource, account, region, problem: 'the root user has no MFA device (credential report mfa_active=false)' }];
      return verdictFrom({ findings, checked: 1, evidence: { source: 'credential report <root_account> row', root: rowEvidence(root) } });
    }
    const summary = inventory.accountSummary;
    if (summary.kind === 'collected' && summary.value.accountMfaEnabled !== null) {
      const enabled = summary.value.accountMfaEnabled;
      const findings = enabled === 1 ? [] : [{ resource, account, region, problem: `GetAccountSummary AccountMFAEnabled is ${enabled}: the root user has no MFA` }];
      return verdictFrom({ findings, checked: 1, evidence: { source: 'GetAccountSummary', AccountMFAEnabled: enabled, credentialReport: report.kind === 'collected' ? noRootRow() : report.reason } });
    }
    return notVerified([...unreadable(report, summary), report.kind === 'collected' ? noRootRow() : '', summary.kind === 'collected' ? 'GetAccountSummary has no AccountMFAEnabled' : ''].filter(Boolean).join('; '));
  },
};
