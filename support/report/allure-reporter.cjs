// cucumber imports formatters with import(), which cannot load TypeScript: this CommonJS shim registers
// ts-node (a no-op when the audit already did) and hands over the formatter (allure-formatter.ts).
require('ts-node/register');
module.exports = require('./allure-formatter.ts').default;
