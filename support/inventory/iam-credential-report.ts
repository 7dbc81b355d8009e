import type { CredentialReport, CredentialReportKey, CredentialReportRow } from './types/iam';

/** Values the credential report uses for "there is no date here". */
const NO_DATE = new Set(['', 'N/A', 'no_information', 'not_supported']);

export class CredentialReportFormatError extends Error {
  override name = 'CredentialReportFormatError';
}

/** The report is plain CSV with no quoting (ARNs and dates hold no commas); a quoted field is refused. */
function splitLine(line: string, lineNumber: number): string[] {
  if (line.includes('"')) throw new CredentialReportFormatError(`credential report line ${lineNumber}: quoted fields are not expected`);
  return line.split(',').map((field) => field.trim());
}

const date = (value: string | undefined): string | null => (value === undefined || NO_DATE.has(value) ? null : value);
const flag = (value: string | undefined): boolean => value === 'true';

/** Parse GetCredentialReport's CSV. Pure: the collector hands it the decoded text. */
export function parseCredentialReport(csv: string, generatedTime: string | null = null): CredentialReport {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new CredentialReportFormatError('credential report is empty (no header line)');
  const columns = splitLine(lines[0], 1);
  if (columns[0] !== 'user' || !columns.includes('arn')) throw new CredentialReportFormatError(`credential report header does not start with user,arn: ${lines[0].slice(0, 80)}`);
  const rows = lines.slice(1).map((line, index): CredentialReportRow => {
    const fields = splitLine(line, index + 2);
    if (fields.length !== columns.length) {
      throw new CredentialReportFormatError(`credential report line ${index + 2}: ${fields.length} fields for ${columns.length} columns`);
    }
    const raw = Object.fromEntries(columns.map((column, i) => [column, fields[i]]));
    const keys: CredentialReportKey[] = ([1, 2] as const)
      .filter((slot) => `access_key_${slot}_active` in raw)
      .map((slot) => ({
        slot,
        active: flag(raw[`access_key_${slot}_active`]),
        lastRotated: date(raw[`access_key_${slot}_last_rotated`]),
        lastUsedDate: date(raw[`access_key_${slot}_last_used_date`]),
      }));
    return {
      user: raw.user,
      arn: raw.arn,
      userCreationTime: date(raw.user_creation_time),
      passwordEnabled: raw.password_enabled === 'not_supported' || raw.password_enabled === undefined ? null : flag(raw.password_enabled),
      passwordLastUsed: date(raw.password_last_used),
      passwordLastChanged: date(raw.password_last_changed),
      mfaActive: flag(raw.mfa_active),
      accessKeys: keys,
      raw,
    };
  });
  return { generatedTime, columns, rows };
}
