// cucumber-expressions matches every step text through `regexp-match-indices`, a polyfill for RegExp
// match indices that never uses the native ones: it re-parses and regenerates each step definition's
// regular expression with regexp-tree, per match. Assembling an audit's test cases spent most of its
// time there. Node has had the native `d` flag since 16: the polyfill's module is answered by it, with
// the same result (an exec result with `indices`). Required first, with the compile cache.
'use strict';
const Module = require('node:module');
const { dirname } = require('node:path');

function nativeExec(regexp, string) {
  let withIndices = flagged.get(regexp);
  if (!withIndices) {
    withIndices = regexp.hasIndices ? regexp : new RegExp(regexp.source, `${regexp.flags}d`);
    flagged.set(regexp, withIndices);
  }
  withIndices.lastIndex = regexp.lastIndex;
  const result = withIndices.exec(string);
  regexp.lastIndex = withIndices.lastIndex;
  return result;
}
const flagged = new WeakMap();

function install() {
  let path;
  try {
    path = require.resolve('regexp-match-indices', { paths: [dirname(require.resolve('@cucumber/cucumber-expressions'))] });
  } catch {
    return; // another cucumber-expressions, without the polyfill
  }
  if (require.cache[path]) return;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = nativeExec;
  require.cache[path] = module;
}

install();
module.exports = { nativeExec };
