/**
 * `npm run --silent job-summary [-- <outcomes.json>]`: Markdown for a CI job summary (GitHub: append to
 * $GITHUB_STEP_SUMMARY) from the audit's outcome records (reports/outcomes.json, or POSTURE_OUTCOMES).
 */
import { jobSummaryMarkdown } from '../report/job-summary';
import { OUTCOMES_FILE } from '../report/finish';
import { OutcomesFileError, readOutcomesFile } from '../report/outcomes-file';

if (require.main === module) {
  try {
    process.stdout.write(jobSummaryMarkdown(readOutcomesFile(process.argv[2] ?? process.env.POSTURE_OUTCOMES ?? OUTCOMES_FILE)));
  } catch (error) {
    const known = error instanceof OutcomesFileError;
    process.stderr.write(`aws-posture: job summary: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(1);
  }
}
