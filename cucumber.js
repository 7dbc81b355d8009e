// Entry files are listed explicitly, as in cucumber-js's own repo. Formatters write to reports/.
// The CLIs (`npm run audit`, …) run compiled JavaScript from build/ and say so with POSTURE_COMPILED;
// `npx cucumber-js` loads the TypeScript sources through ts-node; the self-tests through test/compiled-ts.js.
const compiled = process.env.POSTURE_COMPILED === '1';
const source = (path) => (compiled ? `build/${path.replace(/\.ts$/, '.js')}` : path);
const support = ['support/env.ts', 'support/parameters.ts', 'support/world.ts', 'support/hooks.ts', 'support/report/allure-hooks.ts'].map(source);
const steps = ['steps/s3.steps.ts', 'steps/network.steps.ts', 'steps/proxy.steps.ts', 'steps/organizations.steps.ts', 'steps/logging.steps.ts', 'steps/iam.steps.ts', 'steps/sites.steps.ts', 'steps/ec2.steps.ts', 'steps/storage.steps.ts'].map(source);

const common = {
  // ts-node unless compiled or a TypeScript loader is already installed (npm test's test/compiled-ts.js).
  requireModule: compiled || require.extensions['.ts'] ? [] : ['ts-node/register'],
  require: [...support, ...steps],
  paths: ['features/**/*.feature'],
  format: [
    'progress',
    'message:reports/cucumber-messages.ndjson',
    './support/report/allure-reporter.cjs',
  ],
  formatOptions: {
    resultsDir: 'reports/allure-results',
    // Tags → labels (a matched tag is not repeated as a plain tag). The story, the Allure severity
    // (critical/high/medium/low → blocker/critical/normal/minor), the CIS suite hierarchy and link, the
    // owner and the account/region parameters come from support/report/allure-hooks.ts; status, message,
    // description and categories.json from the outcome records (support/report/allure-formatter.ts, at run
    // time); environment.properties from support/report/finish.ts after the run.
    labels: [
      { pattern: [/@domain:(.*)/], name: 'epic' },
      { pattern: [/@severity:(.*)/], name: 'postureSeverity' },
      { pattern: [/@cis:(.*)/], name: 'cis' },
    ],
  },
};

module.exports = {
  default: { ...common },
  emulator: { ...common, worldParameters: { target: 'emulator' } },
  // @exam demonstrations build resources: never against an audited target (npm run docs runs them on its own emulator).
  endpoint: { ...common, tags: 'not @exam', worldParameters: { target: 'endpoint' } },
  live: { ...common, tags: 'not @exam', worldParameters: { target: 'live' } },
  localstack: { ...common, tags: 'not @exam', worldParameters: { target: 'localstack' } },
};
