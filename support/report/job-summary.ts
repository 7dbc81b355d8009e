import type { OutcomesFile } from './outcomes-file';
import { DIGEST_COLUMNS, postureDigest } from './posture-digest';

/** Markdown for $GITHUB_STEP_SUMMARY: the per-domain table and the top findings, from the outcome records. */
const TOP = 10;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function jobSummaryMarkdown(file: OutcomesFile): string {
  const d = postureDigest(file);
  const lines = [
    '## aws-posture audit',
    '',
    `${cell(d.audited)} · ${d.generatedAt}`,
    '',
    `| Domain | ${DIGEST_COLUMNS.map((c) => c.title).join(' | ')} |`,
    `|---|${DIGEST_COLUMNS.map(() => '---:').join('|')}|`,
    ...d.byDomain.map(([domain, row]) => `| ${cell(domain)} | ${DIGEST_COLUMNS.map((c) => row[c.verdict]).join(' | ')} |`),
    `| **Total** | ${DIGEST_COLUMNS.map((c) => `**${d.total[c.verdict]}**`).join(' | ')} |`,
    '',
    `### Top findings (${Math.min(TOP, d.nonCompliant.length)} of ${d.nonCompliant.length} non-compliant controls)`,
    '',
  ];
  if (d.nonCompliant.length === 0) lines.push('No non-compliant control.');
  else {
    lines.push('| Severity | Control | Domain | Resources | Example |', '|---|---|---|---:|---|');
    for (const c of d.nonCompliant.slice(0, TOP)) lines.push(`| ${c.severity} | ${c.cis ? `CIS ${c.cis} ` : ''}${cell(c.title)} | ${c.domain} | ${c.resources} | \`${cell(c.examples[0] ?? '')}\` |`);
  }
  if (d.notVerified.length > 0) {
    lines.push('', `### Not verified (${d.notVerified.length})`, '');
    for (const c of d.notVerified.slice(0, TOP)) lines.push(`- ${c.cis ? `CIS ${c.cis} ` : ''}${cell(c.title)}: ${cell(c.reasons[0] ?? '')}`);
  }
  if (d.waivers.length > 0) lines.push('', `Waivers in force: ${d.waivers.length} (next expiry ${d.waivers[0].expires}).`);
  lines.push('', 'Full report: the allure-report artifact of this run (executive-summary.html beside it).');
  return `${lines.join('\n')}\n`;
}
