/**
 * `npm run docs [-- --features <dir>] [--output <dir>]`: the study guide (HTML and Markdown) from the
 * feature files and the latest results (reports/allure-results, else reports/cucumber-messages.ndjson).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_REPORT_PATHS } from '../report/finish';
import { readGuide } from '../report/study-guide/model';
import { examEntries, renderHtml, renderMarkdown } from '../report/study-guide/render';
import { readLatestResults } from '../report/study-guide/status';

export function writeStudyGuide(options: { features: string; output: string; allureResults: string; messages: string; now?: Date }): { html: string; markdown: string; exams: number; scenarios: number; unreadable: string[] } {
  const unreadable: string[] = [];
  const domains = readGuide(options.features, process.cwd(), unreadable);
  const input = { domains, unreadable, results: readLatestResults(options.allureResults, options.messages), generatedAt: options.now ?? new Date() };
  mkdirSync(options.output, { recursive: true });
  const html = join(options.output, 'index.html');
  const markdown = join(options.output, 'README.md');
  writeFileSync(html, renderHtml(input));
  writeFileSync(markdown, renderMarkdown(input));
  const scenarios = domains.reduce((n, d) => n + d.features.reduce((m, f) => m + f.scenarios.length, 0), 0);
  return { html, markdown, exams: examEntries(input).length, scenarios, unreadable };
}

function main(): void {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
  };
  const unknown = argv.filter((a, i) => a.startsWith('--') && !['--features', '--output'].includes(a) && !['--features', '--output'].includes(argv[i - 1]));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')} (supported: --features <dir>, --output <dir>)`);
  const written = writeStudyGuide({ features: option('--features', 'features'), output: option('--output', DEFAULT_REPORT_PATHS.studyGuide), allureResults: DEFAULT_REPORT_PATHS.allureResults, messages: DEFAULT_REPORT_PATHS.messages });
  process.stdout.write(`aws-posture: study guide ${written.html} and ${written.markdown} (${written.scenarios} scenarios, ${written.exams} exam)\n`);
  for (const error of written.unreadable) process.stderr.write(`aws-posture: docs: left out ${error}\n`);
  if (written.unreadable.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`aws-posture: docs: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
