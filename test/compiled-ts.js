// `npm test` loader for TypeScript. `node test/compiled-ts.js` transpiles the tree once into
// build/selftest (only files changed since; a few seconds, one process); every test process, started
// with `--require test/compiled-ts.js`, then runs that JavaScript under the .ts file's own name, so
// __dirname, relative paths and module identity stay those of the source. A file newer than its copy
// (edited since) is transpiled on the spot. Transpiling the tree again in each of ~60 test processes
// (ts-node) cost more CPU than the tests themselves. Type checking is tsc's, beside the tests
// (test/run.ts --typecheck). Plain JavaScript: it loads first.
'use strict';
require('../support/cli/compile-cache'); // V8 code cache: ~1,000 modules per test process
require('../support/cli/native-match-indices'); // cucumber step matching without its regexp polyfill
const { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'build', 'selftest');
const TREES = ['features', 'steps', 'support', 'test'];
let typescript;

function compiledPath(filename) {
  const rel = relative(ROOT, filename);
  if (rel.startsWith('..') || !TREES.includes(rel.split(sep)[0])) return undefined;
  return join(OUT, rel.replace(/\.ts$/, '.js'));
}

function fresh(js, source) {
  try {
    return statSync(js).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false; // not transpiled (yet)
  }
}

/** The JavaScript of one file, as tsc would emit it file by file (the tree compiles under isolatedModules). */
function transpile(filename) {
  typescript ??= require('typescript');
  const { outputText } = typescript.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { target: typescript.ScriptTarget.ES2022, module: typescript.ModuleKind.CommonJS, esModuleInterop: true, resolveJsonModule: true },
  });
  return outputText;
}

/** Transpile every .ts file of the tree whose copy is missing or older; returns how many were written. */
function transpileTree() {
  let written = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const js = compiledPath(path);
        if (fresh(js, path)) continue;
        mkdirSync(dirname(js), { recursive: true });
        writeFileSync(js, transpile(path));
        written++;
      }
    }
  };
  for (const tree of TREES) {
    try {
      walk(join(ROOT, tree));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return written;
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  const js = compiledPath(filename);
  module._compile(js && fresh(js, filename) ? readFileSync(js, 'utf8') : transpile(filename), filename);
};

module.exports = { transpileTree };

if (require.main === module) {
  const started = Date.now();
  const written = transpileTree();
  process.stdout.write(`transpiled ${written} file(s) into build/selftest in ${Date.now() - started} ms\n`);
}
