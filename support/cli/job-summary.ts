/**
 * `node --require ts-node/register support/cli/job-summary.ts [reports/outcomes.json]`: Markdown for a CI job
 * summary (GitHub: append to $GITHUB_STEP_SUMMARY) from the audit's outcome records.
 */
import { jobSummaryMarkdown } from '../report/job-summary';
import { OUTCOMES_FILE } from '../report/finish';
import { OutcomesFileError, readOutcomesFile } from '../report/outcomes-file';

if (require.main === module) {
  try {
    process.stdout.write(jobSummaryMarkdown(readOutcomesFile(process.argv[2] ?? OUTCOMES_FILE)));
  } catch (error) {
    const known = error instanceof OutcomesFileError;
    process.stderr.write(`aws-posture: job summary: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(1);
  }
}
