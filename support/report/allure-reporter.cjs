// cucumber imports formatters with import(), which cannot load TypeScript: this CommonJS shim hands over
// the formatter — compiled (build/, the CLIs set POSTURE_COMPILED=1: no TypeScript at run time), else the
// source through ts-node (unless a TypeScript loader is installed already: ts-node, or npm test's own).
const { join } = require('node:path');
if (process.env.POSTURE_COMPILED === '1') {
  module.exports = require(join(__dirname, '..', '..', 'build', 'support', 'report', 'allure-formatter.js')).default;
} else {
  if (!require.extensions['.ts']) require('ts-node/register');
  module.exports = require('./allure-formatter.ts').default;
}
