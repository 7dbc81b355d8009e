import { asArray } from '../policy-json';
import type { Collected } from '../../inventory/collected';
import { redactText } from '../../report/redact';
import { ROOT_ACCOUNT_ROW, type CredentialReport, type CredentialReportRow, type IamPolicyDocument, type IamRole, type IamStatement } from '../../inventory/types/iam';

export const DAY_MS = 86_400_000;

export { asArray } from '../policy-json';

/** Whole days from an ISO date to the inventory's collection time. */
export function ageInDays(from: string, now: string): number {
  return Math.floor((Date.parse(now) - Date.parse(from)) / DAY_MS);
}

export function unreadable(...pieces: Collected<unknown>[]): string[] {
  return pieces.flatMap((p) => (p.kind === 'not-collected' ? [p.reason] : []));
}

export const accountArn = (account: string) => `arn:aws:iam::${account}:root`;

export function rootRow(report: CredentialReport): CredentialReportRow | undefined {
  return report.rows.find((row) => row.user === ROOT_ACCOUNT_ROW);
}

/** Columns a rule needs that this credential report does not have (emulators leave some out). */
export function missingColumns(report: CredentialReport, needed: readonly string[]): string[] {
  return needed.filter((column) => !report.columns.includes(column));
}

/** Why the root user's row cannot be read: the credential report of AWS always has one. */
export function noRootRow(): string {
  return `the credential report has no ${ROOT_ACCOUNT_ROW} row (AWS always includes it; this target does not model the root user)`;
}

/**
 * An Allow of every action on every resource: full administrator ("*:*"), as CIS 1.15 words it. A
 * condition (MFA, source IP, time) says when the grant applies, not what it grants: still full admin.
 */
export function grantsFullAdmin(statement: IamStatement): boolean {
  if (statement.Effect !== 'Allow' || statement.NotAction !== undefined || statement.NotResource !== undefined) return false;
  return asArray(statement.Action).some((a) => a === '*' || a === '*:*') && asArray(statement.Resource).includes('*');
}

/** "aws:MultiFactorAuthPresent (Bool)" — the condition keys a full-admin statement carries, for the finding. */
export function describeConditions(statement: IamStatement): string {
  return Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) => Object.keys(keys ?? {}).map((key) => `${key} (${operator})`)).join(', ');
}

export function fullAdminStatements(document: IamPolicyDocument | null): IamStatement[] {
  return (document?.Statement ?? []).filter(grantsFullAdmin);
}

/** Service-linked roles are AWS's own (path /aws-service-role/): the account does not manage their policies. */
export function isServiceLinked(role: IamRole): boolean {
  return role.path.startsWith('/aws-service-role/');
}

/** Services named as principals in a role's trust policy (who may assume it). */
export function trustedServices(role: IamRole): string[] {
  return (role.trustPolicy?.Statement ?? [])
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (s.Principal && typeof s.Principal === 'object' ? asArray((s.Principal as { Service?: string | string[] }).Service) : []));
}

/**
 * A credential report row as evidence. Field names avoid "password", which evidence redaction blanks out,
 * so the dates that decided stay readable.
 */
export function rowEvidence(row: CredentialReportRow): object {
  return {
    user: row.user,
    arn: row.arn,
    created: row.userCreationTime,
    consoleSignIn: { enabled: row.passwordEnabled, lastUsed: row.raw.password_last_used ?? null, lastChanged: row.raw.password_last_changed ?? null },
    mfaActive: row.mfaActive,
    accessKeys: row.accessKeys,
  };
}

/** Key ids in messages keep their last four characters, as everywhere in the reports. */
export function keyIds(ids: readonly string[]): string {
  return ids.map((id) => redactText(id)).join(', ');
}
