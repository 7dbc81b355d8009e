// V8 code cache for every CommonJS module a process loads (Node 20 has no module.enableCompileCache; 22
// has). An audit loads about 1,000 modules (the SDK's EC2 client alone is 2 MB of JavaScript), and
// compiling them was a fifth of a one-scenario run. Required first by the CLIs and the self-tests'
// loader. Cached code lives in build/.compile-cache, one file per (path, source) hash, written when
// the process exits; V8 rejects data from another Node version or flags, and then it is written anew.
// Plain JavaScript: the self-tests' TypeScript loader requires it before anything is compiled.
'use strict';
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const vm = require('node:vm');

const INSTALLED = Symbol.for('aws-posture.compile-cache');
const ROOT = resolve(__dirname, '..', '..').replace(/[/\\]build$/, '');
const CACHE_DIR = join(ROOT, 'build', '.compile-cache');

function install() {
  // Source maps are registered by Node's own compile step; POSTURE_COMPILE_CACHE=0 turns this off.
  if (globalThis[INSTALLED] || process.env.POSTURE_COMPILE_CACHE === '0' || process.sourceMapsEnabled) return;
  globalThis[INSTALLED] = true;
  const compile = Module.prototype._compile;
  const fresh = [];

  Module.prototype._compile = function compileWithCache(content, filename) {
    // With cached data, Node 20 drops a script's dynamic-import callback: such modules compile as usual.
    if (content.includes('import(')) return compile.call(this, content, filename);
    const file = join(CACHE_DIR, createHash('sha1').update(filename).update('\0').update(content).digest('hex'));
    let cachedData;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined; // not cached yet
    }
    // A hashbang is valid only at the very start of a script: inside the wrapper it becomes a comment.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ file, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (fresh.length === 0) return;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      for (const { file, script } of fresh) {
        const temporary = `${file}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, file); // concurrent processes (the self-tests) never see half a file
      }
    } catch {
      // A cache that cannot be written costs the next start its compile time, nothing else.
    }
  });
}

/** The `require` a module sees, as Node builds it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

install();
