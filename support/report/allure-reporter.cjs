// cucumber imports formatters with import(), which cannot load TypeScript: this CommonJS shim hands over
// the formatter — compiled (build/, the CLIs set POSTURE_COMPILED=1: no TypeScript at run time), else the
// source through ts-node (a no-op when the run already registered it).
const { join } = require('node:path');
if (process.env.POSTURE_COMPILED === '1') {
  module.exports = require(join(__dirname, '..', '..', 'build', 'support', 'report', 'allure-formatter.js')).default;
} else {
  require('ts-node/register');
  module.exports = require('./allure-formatter.ts').default;
}
