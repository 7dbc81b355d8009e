import { parseYamlText, readSmallTextFile } from '../config/yaml-file';
import { z } from 'zod';

/**
 * Accepted exceptions, kept in a YAML file beside the posture config:
 *
 *   waivers:
 *     - control: "2.1.4"                       # CIS id, control id or scenario name
 *       resource: "arn:aws:s3:::legacy-site-*" # ARN pattern: * any run of characters, ? one character
 *       account: "111122223333"                # optional; omitted or "*" means any account
 *       reason: Public website until the CloudFront migration
 *       owner: web-team@example.com
 *       expires: 2027-03-31                    # through the end of that day (UTC)
 *
 * An expired or malformed waiver stops the run (exit 1) with the file and the field; a waiver that
 * matches no finding is reported as stale at the end of the audit.
 */
export interface Waiver {
  /** Position in the file, for messages: `waivers[2]`. */
  index: number;
  control: string;
  resource: string;
  account?: string;
  reason: string;
  owner: string;
  expires: string; // YYYY-MM-DD
}

export class WaiverError extends Error {
  override name = 'WaiverError';
}

const isoDay = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim()))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'expected a date YYYY-MM-DD');

const waiverSchema = z.strictObject({
  control: z.string().trim().min(1, 'required: a CIS id, control id or scenario name'),
  resource: z.string().trim().min(1, 'required: an ARN or ARN pattern (use "*" for every resource)'),
  account: z.union([z.literal('*'), z.string().regex(/^\d{12}$/, 'expected a 12-digit account id or "*"')]).optional(),
  reason: z.string().trim().min(3, 'required: why this exception is accepted'),
  owner: z.string().trim().min(1, 'required: who answers for this exception'),
  expires: isoDay,
});

const REQUIRED = ['control', 'resource', 'reason', 'owner', 'expires'] as const;

const fileSchema = z.strictObject({ waivers: z.array(z.unknown()).default([]) });

/** Parse and validate a waivers file's text. `today` is YYYY-MM-DD (UTC). */
export function parseWaivers(text: string, file: string, today: string = utcToday()): Waiver[] {
  const top = fileSchema.safeParse(parseYamlText(text, file, WaiverError));
  if (!top.success) throw new WaiverError(`${file}: ${describe(top.error.issues[0])}`);
  return top.data.waivers.map((raw, index) => {
    const missing = REQUIRED.find((field) => raw === null || typeof raw !== 'object' || (raw as Record<string, unknown>)[field] == null);
    if (missing) throw new WaiverError(`${file}: waivers[${index}]${raw === null || typeof raw !== 'object' ? ': expected a mapping with control, resource, reason, owner, expires' : `.${missing}: required`}`);
    const parsed = waiverSchema.safeParse(raw);
    if (!parsed.success) throw new WaiverError(`${file}: waivers[${index}]${describe(parsed.error.issues[0], true)}`);
    const waiver: Waiver = { index, ...parsed.data, account: parsed.data.account === '*' ? undefined : parsed.data.account };
    if (waiver.expires < today) {
      throw new WaiverError(`${file}: waivers[${index}].expires: expired on ${waiver.expires} (control ${waiver.control}, owner ${waiver.owner}); renew it with a new date or remove it`);
    }
    return waiver;
  });
}

export function loadWaivers(file: string, today?: string): WaiverSet {
  const text = readSmallTextFile(file, WaiverError, 'waivers file not found (audit.waiversFile / POSTURE_WAIVERS / --waivers)');
  return new WaiverSet(file, parseWaivers(text, file, today));
}

/** The waivers of one audit, shared by every account it reaches; remembers which ones matched. */
export class WaiverSet {
  private readonly used = new Set<number>();

  constructor(
    readonly file: string,
    readonly waivers: readonly Waiver[],
  ) {}

  markUsed(waiver: Waiver): void {
    this.used.add(waiver.index);
  }

  /** Waivers that matched no finding in this audit: the exception is gone, or the waiver is wrong. */
  stale(): Waiver[] {
    return this.waivers.filter((w) => !this.used.has(w.index));
  }
}

export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Nested paths continue `waivers[2]` (".expires"); top-level ones stand alone ("waivers"). */
function describe(issue: z.core.$ZodIssue, nested = false): string {
  const joined = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const path = nested ? joined : joined.replace(/^\./, '') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${path}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')} (${nested ? 'fields: control, resource, account, reason, owner, expires' : 'the file has one key: waivers'})`;
  }
  return `${path}: ${issue.message}`;
}
