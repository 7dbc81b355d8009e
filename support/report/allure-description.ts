import type { OutcomeRecord, ScenarioVerdict } from '../outcome/outcome';
import { ALLURE_SEVERITY } from './allure-metadata';

/**
 * The description of an Allure result, as HTML: what the outcome record says (verdict, findings, what was
 * not read, waivers, remediation, rationale, CIS id and severity, the evidence summary), then the feature's
 * narrative as paragraphs. Everything a reader needs without opening an attachment.
 */

/** Findings listed in the description; the outcome record attachment lists all. */
export const DESCRIPTION_FINDINGS = 50;

export const VERDICT_TITLE: Record<ScenarioVerdict, string> = {
  compliant: 'Compliant',
  'non-compliant': 'Non-compliant',
  'not-verified': 'Not verified (could not read)',
  'not-applicable': 'Not applicable',
  waived: 'Waived (every finding accepted by a waiver)',
  passed: 'Demonstration passed',
  skipped: 'Skipped',
  'suite-error': 'Suite error (the suite itself went wrong, no verdict)',
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `code` spans and **bold** of a Gherkin narrative line, over escaped text. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/**
 * Hard-wrapped narrative (Gherkin descriptions are indented and wrapped at ~100 columns) → paragraphs:
 * lines join until a blank line; lines starting with "-", "*" or "1." are list items (continued by
 * lines indented under them).
 */
export function paragraphsHtml(text: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  let itemIndent = 0;
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list.length > 0) blocks.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const item = /^(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    const indent = raw.length - raw.trimStart().length;
    if (!line) {
      flushParagraph();
      flushList();
    } else if (item) {
      flushParagraph();
      list.push(item[1]);
      itemIndent = indent;
    } else if (list.length > 0 && paragraph.length === 0 && indent > itemIndent) {
      list[list.length - 1] += ` ${line}`; // a wrapped list item (indented under its marker)
    } else if (list.length > 0) {
      flushList();
      paragraph.push(line);
    } else {
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks.join('\n');
}

function listHtml<T>(items: readonly T[], format: (item: T) => string, limit = DESCRIPTION_FINDINGS): string {
  const shown = items.slice(0, limit).map((item) => `<li>${format(item)}</li>`);
  const more = items.length - shown.length;
  return `<ul>${shown.join('')}${more > 0 ? `<li>… and ${more} more (the <code>.outcome.json</code> attachment lists all)</li>` : ''}</ul>`;
}

const code = (text: string) => `<code>${escapeHtml(text)}</code>`;

export function recordHtml(record: OutcomeRecord): string {
  const meta = record.control;
  const parts: string[] = [];
  const identity = [meta.cis ? `CIS AWS Foundations v5.0.0 <strong>${escapeHtml(meta.cis)}</strong>` : 'beyond CIS', `severity <strong>${escapeHtml(meta.severity)}</strong> (Allure: ${ALLURE_SEVERITY[meta.severity] ?? 'normal'})`, `control ${code(meta.id)}`, `domain ${escapeHtml(meta.domain)}`];
  parts.push(`<h3>${escapeHtml(VERDICT_TITLE[record.outcome.kind])}: ${escapeHtml(meta.title)}</h3>`, `<p>${identity.join(' · ')}</p>`);
  const outcome = record.outcome;
  if (record.findings.length > 0) {
    parts.push(`<h4>Findings (${record.findings.length})</h4>`, listHtml(record.findings, (f) => `${code(f.resource)} (account ${escapeHtml(f.account)}, ${escapeHtml(f.region)}): ${escapeHtml(f.problem)}`));
  }
  if (record.unread.length > 0) parts.push(`<h4>Could not read (${record.unread.length})</h4>`, listHtml(record.unread, (u) => escapeHtml(u)));
  if (outcome.kind === 'not-applicable') parts.push(`<h4>Why not applicable</h4>`, `<p>${escapeHtml(outcome.why)}</p>`);
  if (record.waived.length > 0) {
    parts.push(
      `<h4>Waived findings (${record.waived.length})</h4>`,
      listHtml(record.waived, (w) => `${code(w.resource)}: ${escapeHtml(w.problem)} — waived until <strong>${escapeHtml(w.waiver.expires)}</strong> by ${escapeHtml(w.waiver.owner)}: ${escapeHtml(w.waiver.reason)}`),
    );
  }
  if (outcome.kind === 'non-compliant' || outcome.kind === 'waived' || record.findings.length > 0) parts.push(`<h4>Remediation</h4>`, paragraphsHtml(meta.remediation));
  parts.push(`<h4>Rationale</h4>`, paragraphsHtml(meta.rationale));
  if (outcome.kind === 'compliant' || outcome.kind === 'not-verified' || outcome.kind === 'not-applicable') parts.push(`<h4>Remediation (if it ever fails)</h4>`, paragraphsHtml(meta.remediation));
  parts.push(
    `<h4>Evidence</h4>`,
    `<p>Examined ${record.examined} resource(s) in account ${escapeHtml(record.account)}, ${escapeHtml(record.regions.join(', ') || 'no region')} (${escapeHtml(record.target)} target); ${record.findings.length} finding(s), ${record.waived.length} waived, ${record.unread.length} scope(s) unread. The full record with what decided is the attachment ${code(`${meta.id}.outcome.json`)}.</p>`,
  );
  return parts.join('\n');
}

/** The whole description: each control's record, then the narrative of the feature (or scenario). */
export function descriptionHtml(verdict: ScenarioVerdict, records: readonly OutcomeRecord[], narrative: string, message?: string): string {
  const parts = records.map(recordHtml);
  if (records.length === 0) {
    parts.push(`<h3>${escapeHtml(VERDICT_TITLE[verdict])}</h3>`);
    if (message) parts.push(`<p>${escapeHtml(message.split('\n')[0])}</p>`);
  }
  if (narrative.trim()) parts.push('<h4>About this control</h4>', paragraphsHtml(narrative));
  return parts.join('\n');
}
