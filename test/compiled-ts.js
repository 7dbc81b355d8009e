// `npm test` loader for TypeScript: tsc compiles (and type-checks) the whole tree once into build/selftest
// (tsconfig.test.json); every test process then runs that JavaScript under the .ts file's own name, so
// __dirname, relative paths and module identity stay those of the source. A file newer than its compiled
// copy (edited since the build) is transpiled here instead. Transpiling every file again in each of the
// ~60 test processes (ts-node) cost more CPU than the tests themselves. Plain JavaScript: it loads first.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'build', 'selftest');
let typescript;

function compiledCopy(filename) {
  const rel = relative(ROOT, filename);
  if (rel.startsWith('..') || rel.split(sep)[0] === 'node_modules' || rel.split(sep)[0] === 'build') return undefined;
  const js = join(OUT, rel.replace(/\.ts$/, '.js'));
  try {
    return statSync(js).mtimeMs >= statSync(filename).mtimeMs ? readFileSync(js, 'utf8') : undefined;
  } catch {
    return undefined; // not compiled (yet)
  }
}

function transpile(filename) {
  typescript ??= require('typescript');
  const { outputText } = typescript.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { target: typescript.ScriptTarget.ES2022, module: typescript.ModuleKind.CommonJS, esModuleInterop: true, resolveJsonModule: true },
  });
  return outputText;
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(compiledCopy(filename) ?? transpile(filename), filename);
};
