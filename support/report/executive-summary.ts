import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { escapeHtml } from './allure-description';
import type { OutcomesFile } from './outcomes-file';
import { DIGEST_COLUMNS, postureDigest, type PostureDigest, type VerdictCounts } from './posture-digest';

/**
 * reports/executive-summary.html: one self-contained page beside the Allure report, readable on screen,
 * printed (A4, print CSS) or mailed (no script, no external file).
 */
const e = escapeHtml;
const LIMIT = 25;

const STYLE = `
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #ccc; }
  .meta { color: #555; margin: 0 0 1rem; }
  .headline { display: flex; gap: .75rem; flex-wrap: wrap; margin: .75rem 0; }
  .kpi { border: 1px solid #ccc; border-radius: 6px; padding: .4rem .8rem; min-width: 7rem; }
  .kpi b { display: block; font-size: 1.4rem; }
  .bad b { color: #b00020; } .warn b { color: #8a5a00; } .good b { color: #1b6e20; }
  table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
  th, td { border: 1px solid #ccc; padding: .25rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  table.non-compliant, table.not-verified, table.waivers { table-layout: fixed; }
  table.non-compliant col.rank { width: 2.2rem; } table.non-compliant col.sev { width: 5.8rem; } table.non-compliant col.domain { width: 6.5rem; }
  table.non-compliant col.count { width: 6.4rem; } table.non-compliant col.control { width: 38%; }
  table.not-verified col.sev, table.waivers col.date { width: 6.4rem; }
  th { background: #f2f2f2; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .sev-critical { color: #b00020; font-weight: 600; } .sev-high { color: #c43e00; font-weight: 600; }
  code { font-size: .9em; word-break: break-all; }
  @media print {
    @page { size: A4; margin: 14mm; }
    body { margin: 0; max-width: none; font-size: 10pt; }
    h2 { break-after: avoid; } tr { break-inside: avoid; }
    th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

function countsRow(name: string, row: VerdictCounts, strong = false): string {
  const cell = (text: string) => (strong ? `<th>${text}</th>` : `<td>${text}</td>`);
  return `<tr>${cell(e(name))}${DIGEST_COLUMNS.map((c) => `<td class="n">${row[c.verdict]}</td>`).join('')}</tr>`;
}

const controlName = (c: { cis?: string; title: string }) => `${c.cis ? `CIS ${e(c.cis)} ` : ''}${e(c.title)}`;

export function executiveSummaryHtml(digest: PostureDigest): string {
  const t = digest.total;
  const controls = DIGEST_COLUMNS.reduce((n, c) => n + t[c.verdict], 0);
  const head = `<tr><th>Domain</th>${DIGEST_COLUMNS.map((c) => `<th>${c.title}</th>`).join('')}</tr>`;
  const parts = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>aws-posture executive summary</title><style>${STYLE}</style></head><body>`,
    '<h1>AWS posture — executive summary</h1>',
    `<p class="meta">${e(digest.audited)} · generated ${e(digest.generatedAt)} · CIS AWS Foundations Benchmark v5.0.0 and the suite's own controls. Details per control: the Allure report beside this page.</p>`,
    '<div class="headline">',
    `<div class="kpi good"><b>${t.compliant}</b>compliant</div>`,
    `<div class="kpi bad"><b>${t['non-compliant']}</b>non-compliant</div>`,
    `<div class="kpi warn"><b>${t['not-verified']}</b>not verified</div>`,
    `<div class="kpi"><b>${t.waived}</b>waived</div>`,
    `<div class="kpi"><b>${t['not-applicable']}</b>not applicable</div>`,
    t['suite-error'] > 0 ? `<div class="kpi bad"><b>${t['suite-error']}</b>suite errors</div>` : '',
    `<div class="kpi"><b>${controls}</b>controls evaluated</div>`,
    '</div>',
    '<h2>Totals per domain</h2>',
    `<table class="domains">${head}${digest.byDomain.map(([d, row]) => countsRow(d, row)).join('')}${countsRow('Total', t, true)}</table>`,
    '<h2>Totals per severity</h2>',
    `<table class="severities"><tr><th>Severity</th>${DIGEST_COLUMNS.map((c) => `<th>${c.title}</th>`).join('')}</tr>${digest.bySeverity.map(([s, row]) => countsRow(s, row)).join('')}</table>`,
    `<h2>Non-compliant controls (${digest.nonCompliant.length}), most severe first</h2>`,
    digest.nonCompliant.length === 0
      ? '<p>None.</p>'
      : `<table class="non-compliant"><colgroup><col class="rank"><col class="sev"><col class="control"><col class="domain"><col class="count"><col></colgroup><tr><th>#</th><th>Severity</th><th>Control</th><th>Domain</th><th>Resources</th><th>Remediation</th></tr>${digest.nonCompliant
          .map((c, i) => `<tr><td class="n">${i + 1}</td><td class="sev-${e(c.severity)}">${e(c.severity)}</td><td>${controlName(c)}<br><code>${e(c.examples[0] ?? '')}</code>${c.resources > 1 ? ` …` : ''}</td><td>${e(c.domain)}</td><td class="n">${c.resources}</td><td>${e(c.remediation.split(/(?<=\.)\s/)[0])}</td></tr>`)
          .join('')}</table>`, // every non-compliant control: this page is what an officer acts on
    `<h2>Not verified (${digest.notVerified.length}): the suite could not read what the control needs</h2>`,
    digest.notVerified.length === 0
      ? '<p>None.</p>'
      : `<table class="not-verified"><colgroup><col class="sev"><col><col></colgroup><tr><th>Severity</th><th>Control</th><th>Why</th></tr>${digest.notVerified
          .slice(0, LIMIT)
          .map((c) => `<tr><td class="sev-${e(c.severity)}">${e(c.severity)}</td><td>${controlName(c)}</td><td>${c.reasons.slice(0, 3).map(e).join('<br>')}${c.reasons.length > 3 ? `<br>… and ${c.reasons.length - 3} more` : ''}</td></tr>`)
          .join('')}</table>`,
    `<h2>Waivers in force (${digest.waivers.length}), soonest expiry first</h2>`,
    digest.waivers.length === 0
      ? '<p>None.</p>'
      : `<table class="waivers"><colgroup><col class="date"><col><col><col><col></colgroup><tr><th>Expires</th><th>Control</th><th>Resource</th><th>Owner</th><th>Reason</th></tr>${digest.waivers
          .slice(0, LIMIT)
          .map((w) => `<tr><td>${e(w.expires)}</td><td>${controlName({ cis: w.cis, title: w.control })}</td><td><code>${e(w.resource)}</code></td><td>${e(w.owner)}</td><td>${e(w.reason)}</td></tr>`)
          .join('')}</table>`,
    digest.suiteErrors.length > 0 ? `<h2>Suite errors (${digest.suiteErrors.length}): no verdict</h2><ul>${digest.suiteErrors.map((s) => `<li>${e(s.name)}${s.message ? `: ${e(s.message)}` : ''}</li>`).join('')}</ul>` : '',
    '</body></html>',
  ];
  return `${parts.filter(Boolean).join('\n')}\n`;
}

export function writeExecutiveSummary(path: string, file: OutcomesFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, executiveSummaryHtml(postureDigest(file)));
}
