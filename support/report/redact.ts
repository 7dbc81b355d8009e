/**
 * One shared redaction for every attachment, message and log line: access key ids keep their last four
 * characters; secrets, session tokens and passwords are removed entirely; so are Squid's credentials
 * (cache_peer login=, cachemgr_passwd) and the values of this process's own secret-looking environment
 * variables (an audited file may have pulled them in, e.g. `include /proc/self/environ`).
 */
const SECRET_KEY = /(secret|password|passwd|token|sessiontoken|privatekey|credential(?!key)s?$)/i;
const ACCESS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA|ANPA|ANVA|AGPA)[A-Z0-9]{12,}\b/g;
const SECRET_ASSIGNMENT = /((?:aws_)?secret_?access_?key|session_?token|x-amz-security-token)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi;
const SQUID_CREDENTIAL = /\b(login|password|passwd)=[^\s"']+/gi;
const SQUID_CACHEMGR_PASSWORD = /\b(cachemgr_\w*)(\s+)\S+/gi; // cachemgr_passwd, also misspelt

/** Environment variable names whose values are secrets. */
export const SECRET_ENV_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL/i;
/** Shorter values are not redacted: "1" or "true" would be removed from every text. */
export const MIN_SECRET_ENV_VALUE = 8;

export const REDACTED = '[REDACTED]';

let environmentSecrets: string[] | undefined;

/** Values of secret-looking variables of this process, longest first (read once; tests may re-read). */
function secretEnvironmentValues(): string[] {
  environmentSecrets ??= Object.entries(process.env)
    .filter(([name, value]) => SECRET_ENV_NAME.test(name) && value !== undefined && value.trim().length >= MIN_SECRET_ENV_VALUE)
    .map(([, value]) => value!.trim())
    .sort((a, b) => b.length - a.length);
  return environmentSecrets;
}

/** Read the environment again (a self-test that plants variables after the first redaction). */
export function rereadEnvironmentSecrets(): void {
  environmentSecrets = undefined;
}

/**
 * Matches every text that one of the four patterns above could change (a superset, case-insensitive):
 * most texts (names, ARNs, findings) have none of these words, and one test costs a fifteenth of the
 * four replacements (an audit's records and outcomes file hold ~50,000 strings).
 */
const MAY_HOLD_SECRET = /AKIA|ASIA|AROA|AIDA|ANPA|ANVA|AGPA|secret|session|security-token|login=|password=|passwd=|cachemgr_/i;

export function redactText(text: string): string {
  let out = MAY_HOLD_SECRET.test(text) ? replaceSecretPatterns(text) : text;
  for (const value of secretEnvironmentValues()) if (out.includes(value)) out = out.split(value).join(REDACTED);
  return out;
}

function replaceSecretPatterns(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (_, key: string, sep: string) => `${key}${sep}${REDACTED}`)
    .replace(ACCESS_KEY_ID, (id: string) => `${id.slice(0, 4)}…${id.slice(-4)}`)
    .replace(SQUID_CREDENTIAL, `$1=${REDACTED}`)
    .replace(SQUID_CACHEMGR_PASSWORD, `$1$2${REDACTED}`);
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
