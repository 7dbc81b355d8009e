import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environmentFromResults, readAllureResults, writeCategories, writeEnvironment } from './allure-results';
import { SUITE_VERSION } from './environment';

export class ReportError extends Error {
  override name = 'ReportError';
}

export interface GenerateOptions {
  results: string;
  output: string;
  /** One self-contained index.html (for mail): no history/ directory is written beside it. */
  singleFile?: boolean;
  name?: string;
}

const ALLURE = resolve(__dirname, '../../node_modules/allure-commandline/dist/bin/allure');

/**
 * `allure generate` over the results, carrying the previous report's history/ into the results first so
 * the trend graphs continue. Categories and environment are written if the run did not write them (plain cucumber-js).
 */
export async function generateAllureReport(options: GenerateOptions): Promise<{ output: string; carriedHistory: boolean }> {
  const { results, output } = options;
  if (!existsSync(results) || !readdirSync(results).some((f) => f.endsWith('-result.json'))) {
    throw new ReportError(`${results}: no Allure results (run \`npm run audit\` or \`npx cucumber-js\` first)`);
  }
  const carriedHistory = carryHistory(output, results);
  if (!existsSync(join(results, 'categories.json'))) writeCategories(results);
  if (!existsSync(join(results, 'environment.properties'))) writeEnvironment(results, environmentFromResults(readAllureResults(results).map((r) => r.result), SUITE_VERSION));
  const args = ['generate', results, '-o', output, '--clean', '--name', options.name ?? 'aws-posture compliance report'];
  if (options.singleFile) args.push('--single-file');
  await run(ALLURE, args);
  if (!existsSync(join(output, 'index.html'))) throw new ReportError(`allure generate wrote no ${join(output, 'index.html')}`);
  return { output, carriedHistory };
}

/** Copy <previous report>/history into <results>/history (Allure reads the trend from there). */
export function carryHistory(previousReport: string, results: string): boolean {
  const history = join(previousReport, 'history');
  if (!existsSync(history)) return false;
  rmSync(join(results, 'history'), { recursive: true, force: true });
  cpSync(history, join(results, 'history'), { recursive: true });
  return true;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    execFile(command, args, { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolveRun();
      const why = /java/i.test(`${stderr}${error.message}`) && /not found|JAVA_HOME/i.test(`${stderr}${error.message}`) ? ' (Allure needs Java 8+: install a JRE, e.g. `apt-get install -y openjdk-17-jre-headless`)' : '';
      reject(new ReportError(`allure generate failed${why}: ${(stderr || stdout || error.message).trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}
