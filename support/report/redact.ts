/**
 * One shared redaction for every attachment and log line: access key ids keep their last four
 * characters; secrets, session tokens and passwords are removed entirely.
 */
const SECRET_KEY = /(secret|password|passwd|token|sessiontoken|privatekey|credential(?!key)s?$)/i;
const ACCESS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA|ANPA|ANVA|AGPA)[A-Z0-9]{12,}\b/g;
const SECRET_ASSIGNMENT = /((?:aws_)?secret_?access_?key|session_?token|x-amz-security-token)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi;

export const REDACTED = '[REDACTED]';

export function redactText(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (_, key: string, sep: string) => `${key}${sep}${REDACTED}`)
    .replace(ACCESS_KEY_ID, (id: string) => `${id.slice(0, 4)}…${id.slice(-4)}`);
}

export function redact<T>(value: T): T {
  return walk(value, undefined) as T;
}

function walk(value: unknown, key: string | undefined): unknown {
  if (key && SECRET_KEY.test(key) && value !== null && value !== undefined && typeof value !== 'object' && typeof value !== 'boolean') {
    return REDACTED;
  }
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, undefined));
  if (value && typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  }
  return value;
}

/** The same error with its message and stack redacted (cucumber prints both into every formatter's output). */
export function redactError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? redactText(error) : error;
  error.message = redactText(error.message);
  if (error.stack) error.stack = redactText(error.stack);
  return error;
}
