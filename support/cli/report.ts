/**
 * `npm run report [-- --single-file] [--results <dir>] [--output <dir>]`: the Allure report of the latest
 * audit, with the trend carried over from the previous report. --single-file also writes one
 * self-contained HTML file (reports/allure-report-single/index.html) to mail.
 */
import { ReportError, generateAllureReport } from '../report/allure-generate';
import { ALLURE_REPORT, ALLURE_RESULTS } from '../report/finish';

interface ReportArguments {
  results: string;
  output: string;
  singleFile: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: string[]): ReportArguments {
  const args: ReportArguments = { results: ALLURE_RESULTS, output: ALLURE_REPORT, singleFile: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--single-file') args.singleFile = true;
    else if (arg === '--results') args.results = argv[++i];
    else if (arg === '--output') args.output = argv[++i];
    else throw new UsageError(`unknown option "${arg}" (supported: --single-file, --results <dir>, --output <dir>)`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const report = await generateAllureReport({ results: args.results, output: args.output });
  process.stdout.write(`aws-posture: report ${report.output}/index.html${report.carriedHistory ? ' (trend continued from the previous report)' : ' (first report: no trend yet)'}\n`);
  if (args.singleFile) {
    const single = await generateAllureReport({ results: args.results, output: `${args.output}-single`, singleFile: true });
    process.stdout.write(`aws-posture: single file to mail ${single.output}/index.html\n`);
  }
}

main().catch((error: Error) => {
  const known = error instanceof ReportError || error instanceof UsageError;
  process.stderr.write(`aws-posture: report: ${known ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
