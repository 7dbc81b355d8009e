/**
 * `npm run docs [-- --features <dir>] [--output <dir>] [--no-exam]`: runs the @exam demonstrations on the
 * docs run's own embedded emulator (never an audited target) into their own results (reports/exam/), then
 * writes the study guide (HTML and Markdown) from the feature files, those results and the latest audit's
 * cucumber messages. --no-exam reuses the exam results already there.
 */
import '../env';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_REPORT_PATHS, REPORTS_DIR } from '../report/finish';
import { readGuide } from '../report/study-guide/model';
import { examEntries, renderHtml, renderMarkdown } from '../report/study-guide/render';
import { readLatestResults } from '../report/study-guide/status';
import { closeRun, openRun } from '../run/open-run';
import { runFeatures } from '../run/run-cucumber';

export const EXAM_RESULTS = { dir: `${REPORTS_DIR}/exam`, messages: `${REPORTS_DIR}/exam/cucumber-messages.ndjson`, allureResults: `${REPORTS_DIR}/exam/allure-results` };

export function writeStudyGuide(options: { features: string; output: string; messages: string[]; now?: Date }): { html: string; markdown: string; exams: number; scenarios: number; unreadable: string[] } {
  const unreadable: string[] = [];
  const domains = readGuide(options.features, process.cwd(), unreadable);
  const input = { domains, unreadable, results: readLatestResults(...options.messages), generatedAt: options.now ?? new Date() };
  mkdirSync(options.output, { recursive: true });
  const html = join(options.output, 'index.html');
  const markdown = join(options.output, 'README.md');
  writeFileSync(html, renderHtml(input));
  writeFileSync(markdown, renderMarkdown(input));
  const scenarios = domains.reduce((n, d) => n + d.features.reduce((m, f) => m + f.scenarios.length, 0), 0);
  return { html, markdown, exams: examEntries(input).length, scenarios, unreadable };
}

/** The @exam demonstrations on an emulator this run starts (no estate) and stops; results in reports/exam/. */
export async function runExamDemonstrations(progress: (line: string) => void): Promise<{ scenarios: number; failed: number }> {
  rmSync(EXAM_RESULTS.dir, { recursive: true, force: true });
  mkdirSync(EXAM_RESULTS.dir, { recursive: true });
  const { run } = await openRun({ runId: 'docs-exam', target: 'emulator', estate: 'none' }, { progress });
  try {
    progress('running the @exam demonstrations on the docs run\'s own emulator');
    // The project's cucumber.js, from the working directory (this file also runs compiled, from build/).
    const profile = require(join(process.cwd(), 'cucumber.js')).default as { formatOptions: Record<string, unknown> };
    const outcome = await runFeatures({
      worldParameters: { runId: run.id },
      tags: '@exam',
      formats: { files: { [EXAM_RESULTS.messages]: 'message', [join(EXAM_RESULTS.dir, 'allure.log')]: './support/report/allure-reporter.cjs' }, options: { ...profile.formatOptions, resultsDir: EXAM_RESULTS.allureResults } },
    });
    return { scenarios: outcome.scenarios.length, failed: outcome.scenarios.filter((s) => s.verdict !== 'passed').length };
  } finally {
    await closeRun(run);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
  };
  const known = ['--features', '--output', '--no-exam'];
  const unknown = argv.filter((a, i) => a.startsWith('--') && !known.includes(a) && !['--features', '--output'].includes(argv[i - 1]));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')} (supported: --features <dir>, --output <dir>, --no-exam)`);
  const progress = (line: string) => process.stderr.write(`aws-posture: docs: ${line}\n`);
  if (!argv.includes('--no-exam')) {
    const exam = await runExamDemonstrations(progress);
    progress(`${exam.scenarios} @exam demonstrations, ${exam.failed} not passed (results: ${EXAM_RESULTS.dir}/)`);
    if (exam.failed > 0) process.exitCode = 1;
  }
  const written = writeStudyGuide({ features: option('--features', 'features'), output: option('--output', DEFAULT_REPORT_PATHS.studyGuide), messages: [EXAM_RESULTS.messages, DEFAULT_REPORT_PATHS.messages] });
  process.stdout.write(`aws-posture: study guide ${written.html} and ${written.markdown} (${written.scenarios} scenarios, ${written.exams} exam)\n`);
  for (const error of written.unreadable) process.stderr.write(`aws-posture: docs: left out ${error}\n`);
  if (written.unreadable.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`aws-posture: docs: ${error.message}\n`);
    process.exit(1);
  });
}
