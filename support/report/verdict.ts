import type { Finding } from '../rules/types';
import type { OutcomeRecord } from '../outcome/outcome';
import { describeWaived } from '../waivers/apply';
import { redactText } from './redact';

/**
 * Thrown when a control does not hold. Allure tells statuses apart by the error's name: a name with
 * "Assertion" in it is `failed` (non-compliant), any other error is `broken` (not verified, suite errors).
 */
export class NonCompliant extends Error {
  override name = 'ComplianceAssertionError';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`; // a finding is not a crash: no stack trace under it
  }
}

export class NotVerified extends Error {
  override name = 'NotVerified';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** First words of a failure message (readers of old reports and people; reports read the record). */
export const VERDICT_PREFIX = { 'non-compliant': 'NON-COMPLIANT:', 'not-verified': 'NOT VERIFIED:', waived: 'WAIVED:' } as const;

/** How many resources a thrown message lists by default (`report.maxFindingsInMessage`). */
export const DEFAULT_MESSAGE_FINDINGS = 20;
/**
 * The longest line a message carries; the evidence has every line whole. cucumber formats a failure with
 * error-stack-parser, whose time explodes with double quotes in a line (measured: one 240-character line
 * of quoted acl names, 40 s; the same line with single quotes, under a millisecond), so a message line is
 * cut short and its double quotes become single quotes.
 */
export const MAX_MESSAGE_LINE = 240;

export function capLine(text: string, max = MAX_MESSAGE_LINE): string {
  const line = text.replace(/\s*\n\s*/g, ' ').replace(/"/g, "'");
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function formatFinding(finding: Finding): string {
  return capLine(`  - ${finding.resource} (account ${finding.account}, ${finding.region}): ${finding.problem}`);
}

/** A one-line summary plus at most `limit` entries and "and K more". */
function listed<T>(items: readonly T[], limit: number, format: (item: T) => string): string {
  const shown = items.slice(0, Math.max(0, limit)).map(format);
  const more = items.length - shown.length;
  return [...shown, ...(more > 0 ? [`  … and ${more} more (the evidence lists all)`] : [])].join('\n');
}

/** The message of a failing control: short, bounded, redacted. */
export function failureMessage(record: OutcomeRecord, limit = DEFAULT_MESSAGE_FINDINGS): string | undefined {
  const title = capLine(record.control.title, 160);
  const outcome = record.outcome;
  const waivedNote = record.waived.length > 0 ? `\n  (${record.waived.length} other finding(s) waived)` : '';
  if (outcome.kind === 'non-compliant') {
    const unreadNote = record.unread.length > 0 ? `\n  (also could not read ${record.unread.length} scope(s))` : '';
    return redactText(`${VERDICT_PREFIX['non-compliant']} ${title} — ${outcome.findings.length} finding(s):\n${listed(outcome.findings, limit, formatFinding)}${unreadNote}${waivedNote}`);
  }
  if (outcome.kind === 'not-verified') {
    return redactText(`${VERDICT_PREFIX['not-verified']} ${title} — could not read ${outcome.unread.length} scope(s):\n${listed(outcome.unread, limit, (u) => capLine(`  - ${u}`))}${waivedNote}`);
  }
  return undefined;
}

/** The note of a scenario whose findings were all waived. */
export function waivedMessage(record: OutcomeRecord, limit = DEFAULT_MESSAGE_FINDINGS): string {
  return redactText(`${VERDICT_PREFIX.waived} ${capLine(record.control.title, 160)} — ${record.waived.length} finding(s) accepted by waivers:\n${listed(record.waived, limit, (w) => capLine(describeWaived(w)))}`);
}

/** Pass, skip or throw as the record says: the record is already attached, so nothing is decided here. */
export function settle(record: OutcomeRecord, limit = DEFAULT_MESSAGE_FINDINGS): 'skipped' | undefined {
  switch (record.outcome.kind) {
    case 'compliant':
    case 'waived':
      return undefined;
    case 'not-applicable':
      return 'skipped';
    case 'non-compliant':
      throw new NonCompliant(failureMessage(record, limit)!);
    case 'not-verified':
      throw new NotVerified(failureMessage(record, limit)!);
  }
}
