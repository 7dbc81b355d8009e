// Entry files are listed explicitly, as in cucumber-js's own repo. Formatters write to reports/.
const support = ['support/env.ts', 'support/parameters.ts', 'support/world.ts', 'support/hooks.ts'];
const steps = ['steps/s3.steps.ts'];

const common = {
  requireModule: ['ts-node/register'],
  require: [...support, ...steps],
  paths: ['features/**/*.feature'],
  format: [
    'progress',
    'junit:reports/junit.xml',
    'message:reports/cucumber-messages.ndjson',
    'allure-cucumberjs/reporter',
  ],
  formatOptions: {
    resultsDir: 'reports/allure-results',
    labels: [
      { pattern: [/@domain:(.*)/], name: 'epic' },
      { pattern: [/@severity:(.*)/], name: 'severity' },
      { pattern: [/@cis:(.*)/], name: 'cis' },
    ],
  },
};

module.exports = {
  default: { ...common },
  emulator: { ...common, worldParameters: { target: 'emulator' } },
  endpoint: { ...common, worldParameters: { target: 'endpoint' } },
  live: { ...common, tags: 'not @exam', worldParameters: { target: 'live' } },
  localstack: { ...common, worldParameters: { target: 'localstack' } },
};
