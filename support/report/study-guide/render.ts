import type { GuideDomain, GuideFeature, GuideScenario, GuideStep, ScenarioStatus } from './model';
import { scenarioStatus, type LatestResults } from './status';

export const STATUS_TEXT: Record<ScenarioStatus['outcome'], { mark: string; control: string; exam: string }> = {
  compliant: { mark: '✔', control: 'holds on the audited account', exam: 'holds' },
  passed: { mark: '✔', control: 'passed', exam: 'observed on the emulator' },
  'non-compliant': { mark: '✘', control: 'non-compliant on the audited account', exam: 'contradicted (non-compliant)' },
  'not-verified': { mark: '?', control: 'not verified (could not read)', exam: 'not verified (could not read)' },
  waived: { mark: '≈', control: 'waived (findings accepted)', exam: 'waived' },
  'not-applicable': { mark: '–', control: 'not applicable here', exam: 'not applicable' },
  skipped: { mark: '–', control: 'skipped', exam: 'skipped (needs the docs run\'s own emulator)' },
  'suite-error': { mark: '!', control: 'suite error', exam: 'suite error' },
  'not-run': { mark: '·', control: 'not run in the latest results', exam: 'not run in the latest results' },
};

/** A feature's heading: "(exam)" once, whether or not the feature's own name already says it. */
export function examTitle(feature: { name: string; exam: boolean }): string {
  return feature.exam && !/\(exam\)\s*$/i.test(feature.name) ? `${feature.name} (exam)` : feature.name;
}

/** How an exam fact was established (@established:emulator / @established:evaluator on the scenario). */
export const ESTABLISHED = {
  emulator: 'observed on the emulator',
  evaluator: "decided by the suite's evaluator",
  sourced: 'sourced only',
} as const;

export function establishedBy(status: ScenarioStatus, established: GuideScenario['established']): string {
  if (status.outcome !== 'passed') return ESTABLISHED.sourced;
  return established === 'evaluator' ? ESTABLISHED.evaluator : ESTABLISHED.emulator;
}

export function statusText(status: ScenarioStatus, exam: boolean, established?: GuideScenario['established']): string {
  const text = STATUS_TEXT[status.outcome];
  if (status.outcome === 'not-run' && status.message) return `${text.mark} not run: ${status.message}`;
  const words = exam && status.outcome === 'passed' ? establishedBy(status, established) : exam ? text.exam : text.control;
  return `${text.mark} ${words}${status.runs > 1 ? ` (${status.runs} runs)` : ''}`;
}

export interface GuideInput {
  domains: GuideDomain[];
  /** Feature files that could not be parsed (left out of the guide). */
  unreadable?: string[];
  results?: LatestResults;
  generatedAt: Date;
}

export interface ExamEntry {
  domain: string;
  feature: GuideFeature;
  scenario: GuideScenario;
  status: ScenarioStatus;
}

export function examEntries(input: GuideInput): ExamEntry[] {
  return input.domains.flatMap((d) => d.features.flatMap((f) => f.scenarios.filter((s) => s.exam).map((s) => ({ domain: d.name, feature: f, scenario: s, status: scenarioStatus(input.results, f, s) }))));
}

export function resultsLine(results: LatestResults | undefined): string {
  if (!results) return 'No results yet: run `npm run audit` (or `npx cucumber-js`) and then `npm run docs` to fill in each status.';
  const env = results.environment;
  const where = [env.Target, env.Estate ? `${env.Estate} estate` : undefined, env.Accounts ? `account ${env.Accounts}` : undefined].filter(Boolean).join(', ');
  return `Statuses from the latest results (${results.source}${where ? `: ${where}` : ''}${env.Finished ? `, ${env.Finished}` : ''}).`;
}

export const anchor = (...parts: string[]) =>
  parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// ---------- Markdown ----------

const mdEscape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdSteps(steps: readonly GuideStep[]): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(`${step.keyword} ${step.text}`);
    if (step.docString !== undefined) lines.push('  """', ...step.docString.split('\n').map((l) => `  ${l}`), '  """');
    for (const row of step.dataTable ?? []) lines.push(`  | ${row.join(' | ')} |`);
  }
  return lines;
}

export function renderMarkdown(input: GuideInput): string {
  const out: string[] = ['# aws-posture study guide', ''];
  out.push(`Verified exam-style scenarios and compliance controls, generated ${input.generatedAt.toISOString()} from the feature files. ${resultsLine(input.results)}`, '');
  out.push('Facts are stated as they hold today; where older study notes said otherwise, the older claim is marked outdated.', '');
  if (input.unreadable?.length) out.push('**Feature files left out (Gherkin could not parse them):**', '', ...input.unreadable.map((e) => `- ${e}`), '');
  const exams = examEntries(input);
  out.push(`## Exam scenarios (${exams.length})`, '', '| Domain | Scenario | Status |', '|---|---|---|');
  for (const e of exams) out.push(`| ${e.domain} | [${mdEscape(e.scenario.name)}](#${anchor(e.domain, e.scenario.name)}) | ${statusText(e.status, true, e.scenario.established)} |`);
  out.push('');
  const dated = input.domains.flatMap((d) => d.features.flatMap((f) => [...f.dated, ...f.scenarios.flatMap((s) => s.dated)].map((text) => ({ feature: f, text }))));
  if (dated.length > 0) {
    out.push('## Dated facts', '');
    for (const d of dated) out.push(`- **${d.feature.name}**: ${d.text}`);
    out.push('');
  }
  for (const domain of input.domains) {
    out.push(`## Domain: ${domain.name}`, '');
    for (const feature of domain.features) {
      out.push(`### ${examTitle(feature)}`, '', `\`${feature.uri}\``, '');
      if (feature.narrative) out.push(...feature.narrative.split(/\n\s*\n/).flatMap((p) => [`> ${p.replace(/\s*\n\s*/g, ' ')}`, '>']).slice(0, -1), '');
      if (feature.sources.length > 0) out.push(`Sources (the narrative's facts are ${ESTABLISHED.sourced} unless a scenario below shows them): ${feature.sources.join(' · ')}`, '');
      for (const text of feature.dated) out.push(`- *Dated fact:* ${text}`);
      if (feature.dated.length > 0) out.push('');
      if (feature.background.length > 0) out.push('Background:', '```gherkin', ...mdSteps(feature.background), '```', '');
      for (const scenario of feature.scenarios) {
        const status = scenarioStatus(input.results, feature, scenario);
        out.push(`<a id="${anchor(domain.name, scenario.name)}"></a>`, `#### ${scenario.exam ? 'Exam: ' : ''}${scenario.name}`, '');
        const facts = [`**Status:** ${statusText(status, scenario.exam, scenario.established)}`];
        if (scenario.exam) facts.push(`**Established:** ${establishedBy(status, scenario.established)}`);
        if (scenario.cis.length > 0) facts.push(`**CIS v5.0.0:** ${scenario.cis.join(', ')}`);
        if (scenario.severity) facts.push(`**Severity:** ${scenario.severity}`);
        if (scenario.sources.length > 0) facts.push(`**Source:** ${scenario.sources.join(' · ')}`);
        out.push(facts.join(' · '), '');
        for (const text of scenario.dated) out.push(`- *Dated fact:* ${text}`);
        if (scenario.dated.length > 0) out.push('');
        out.push('```gherkin', `${scenario.keyword}: ${scenario.name}`, ...mdSteps(scenario.steps).map((l) => `  ${l}`));
        for (const examples of scenario.examples) {
          out.push('', `  Examples:${examples.name ? ` ${examples.name}` : ''}`, ...examples.rows.map((r) => `    | ${r.join(' | ')} |`));
        }
        out.push('```', '');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// ---------- HTML ----------

const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const linkify = (text: string) => html(text).replace(/https?:\/\/[^\s<>"')]+/g, (url) => `<a href="${url}">${url}</a>`);

function htmlSteps(steps: readonly GuideStep[]): string {
  return steps
    .map((step) => {
      const extra = [
        step.docString !== undefined ? `<pre class="doc">${html(step.docString)}</pre>` : '',
        step.dataTable ? `<table>${step.dataTable.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('')}</table>` : '',
      ].join('');
      return `<li><b>${html(step.keyword)}</b> ${html(step.text)}${extra}</li>`;
    })
    .join('');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:2rem}h4{margin:1.5rem 0 .3rem}
blockquote{margin:0;padding:.5rem 1rem;background:#f6f8fa;border-left:4px solid #8aa}
.facts span{display:inline-block;margin-right:1rem}.status{font-weight:600}
.s-passed{color:#1a7f37}.s-non-compliant{color:#cf222e}.s-not-verified{color:#9a6700}.s-waived{color:#6639ba}.s-suite-error{color:#cf222e}.s-skipped,.s-not-run{color:#666}
ol.steps{list-style:none;padding-left:1rem;font-family:ui-monospace,monospace;font-size:14px}
.dated{background:#fff8c5;padding:.3rem .6rem;border-radius:4px;margin:.3rem 0}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ccc;padding:.15rem .5rem;font-size:14px;text-align:left}
code{background:#f0f0f0;padding:0 .2rem}td.status{white-space:nowrap}.exam{background:#ddf4ff;border-radius:4px;padding:0 .3rem;font-size:13px}`;

export function renderHtml(input: GuideInput): string {
  const exams = examEntries(input);
  const parts: string[] = [];
  parts.push(`<h1>aws-posture study guide</h1>`);
  parts.push(`<p>Verified exam-style scenarios and compliance controls, generated ${html(input.generatedAt.toISOString())} from the feature files. ${html(resultsLine(input.results))}</p>`);
  parts.push('<p>Facts are stated as they hold today; where older study notes said otherwise, the older claim is marked outdated.</p>');
  if (input.unreadable?.length) parts.push(`<p><b>Feature files left out (Gherkin could not parse them):</b></p><ul>${input.unreadable.map((e) => `<li>${html(e)}</li>`).join('')}</ul>`);
  parts.push(`<nav><b>Domains:</b> ${input.domains.map((d) => `<a href="#${anchor('domain', d.name)}">${html(d.name)}</a>`).join(' · ')}</nav>`);
  parts.push(`<h2 id="exam-scenarios">Exam scenarios (${exams.length})</h2><table><tr><th>Domain</th><th>Scenario</th><th>Status</th></tr>`);
  for (const e of exams) {
    parts.push(`<tr class="exam-row"><td>${html(e.domain)}</td><td><a href="#${anchor(e.domain, e.scenario.name)}">${html(e.scenario.name)}</a></td><td class="status s-${e.status.outcome}">${html(statusText(e.status, true, e.scenario.established))}</td></tr>`);
  }
  parts.push('</table>');
  const dated = input.domains.flatMap((d) => d.features.flatMap((f) => [...f.dated, ...f.scenarios.flatMap((s) => s.dated)].map((text) => ({ feature: f, text }))));
  if (dated.length > 0) parts.push(`<h2 id="dated-facts">Dated facts</h2><ul>${dated.map((d) => `<li><b>${html(d.feature.name)}</b>: ${html(d.text)}</li>`).join('')}</ul>`);
  for (const domain of input.domains) {
    parts.push(`<h2 id="${anchor('domain', domain.name)}">Domain: ${html(domain.name)}</h2>`);
    for (const feature of domain.features) {
      parts.push(`<section class="feature"><h3>${html(feature.name.replace(/\s*\(exam\)\s*$/i, ''))}${feature.exam ? ' <span class="exam">exam</span>' : ''}</h3><p><code>${html(feature.uri)}</code></p>`);
      if (feature.narrative) parts.push(`<blockquote>${feature.narrative.split(/\n\s*\n/).map((p) => `<p>${linkify(p.replace(/\s*\n\s*/g, ' '))}</p>`).join('')}</blockquote>`);
      if (feature.sources.length > 0) parts.push(`<p>Sources: ${feature.sources.map(linkify).join(' · ')}</p>`);
      for (const text of feature.dated) parts.push(`<div class="dated">Dated fact: ${html(text)}</div>`);
      if (feature.background.length > 0) parts.push(`<p>Background:</p><ol class="steps">${htmlSteps(feature.background)}</ol>`);
      for (const scenario of feature.scenarios) {
        const status = scenarioStatus(input.results, feature, scenario);
        const facts = [`<span class="status s-${status.outcome}">${html(statusText(status, scenario.exam, scenario.established))}</span>`];
        if (scenario.exam) facts.push(`<span class="established">established: ${html(establishedBy(status, scenario.established))}</span>`);
        if (scenario.cis.length > 0) facts.push(`<span>CIS v5.0.0: <b class="cis">${html(scenario.cis.join(', '))}</b></span>`);
        if (scenario.severity) facts.push(`<span>Severity: ${html(scenario.severity)}</span>`);
        if (scenario.sources.length > 0) facts.push(`<span>Source: ${scenario.sources.map(linkify).join(' · ')}</span>`);
        parts.push(`<article class="scenario${scenario.exam ? ' exam-scenario' : ''}" id="${anchor(domain.name, scenario.name)}"><h4>${scenario.exam ? '<span class="exam">exam</span> ' : ''}${html(scenario.name)}</h4><div class="facts">${facts.join('')}</div>`);
        for (const text of scenario.dated) parts.push(`<div class="dated">Dated fact: ${html(text)}</div>`);
        parts.push(`<ol class="steps">${htmlSteps(scenario.steps)}</ol>`);
        for (const examples of scenario.examples) {
          const [header, ...rows] = examples.rows;
          parts.push(`<p>Examples${examples.name ? `: ${html(examples.name)}` : ''}</p><table>${header ? `<tr>${header.map((c) => `<th>${html(c)}</th>`).join('')}</tr>` : ''}${rows.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('')}</table>`);
        }
        parts.push('</article>');
      }
      parts.push('</section>');
    }
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>aws-posture study guide</title><style>${STYLE}</style></head><body>\n${parts.join('\n')}\n</body></html>\n`;
}
