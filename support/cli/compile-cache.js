// V8 code cache for every CommonJS module a process loads (Node 20 has no module.enableCompileCache; 22
// has). An audit loads about 1,000 modules (the SDK's EC2 client alone is 2 MB of JavaScript), and
// compiling them was a fifth of a one-scenario run. Required first by the CLIs and the self-tests'
// loader. Cached code lives in build/.compile-cache, one file per (path, source) hash, written when
// the process exits; V8 rejects data from another Node version or flags, and then it is written anew.
// Resolutions too: where each require (from one folder, of one name) led is kept in the same folder, so
// a start does not walk node_modules and package.json files again for ~1,000 modules.
// Plain JavaScript: the self-tests' TypeScript loader requires it before anything is compiled.
'use strict';
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve, sep } = require('node:path');
const vm = require('node:vm');

const INSTALLED = Symbol.for('aws-posture.compile-cache');
const ROOT = resolve(__dirname, '..', '..').replace(/[/\\]build$/, '');
const CACHE_DIR = process.env.POSTURE_COMPILE_CACHE_DIR || join(ROOT, 'build', '.compile-cache'); // another: the self-test's own
const RESOLVED_FILE = join(CACHE_DIR, 'resolved.json');
const NODE_MODULES = `${sep}node_modules${sep}`;

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

  const resolutions = installResolutionCache();

  process.once('exit', () => {
    if (fresh.length === 0 && !resolutions.changed()) return;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      for (const { file, script } of fresh) writeWhole(file, script.createCachedData());
      if (resolutions.changed()) writeWhole(RESOLVED_FILE, resolutions.serialized());
    } catch {
      // A cache that cannot be written costs the next start its compile time, nothing else.
    }
  });
}

/** Concurrent processes (the self-tests) never see half a file. */
function writeWhole(file, data) {
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/**
 * Module._resolveFilename, remembered across processes for requires from inside the project (packages
 * and the project's own files). Kept for one install and one build: the file names the mtimes of npm's
 * node_modules/.package-lock.json and of build/.stamp, and a build empties the folder. A remembered
 * project file that is gone (a developer moved it) is resolved again; packages change only by an install.
 */
function installResolutionCache() {
  const version = `${mtime(join(ROOT, 'node_modules', '.package-lock.json'))}:${mtime(join(ROOT, 'build', '.stamp'))}`;
  const entries = Object.create(null);
  try {
    const saved = JSON.parse(readFileSync(RESOLVED_FILE, 'utf8'));
    if (saved.version === version) Object.assign(entries, saved.entries);
  } catch {
    // none yet, or unreadable: resolve as Node does
  }
  let added = 0;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveRemembered(request, parent, isMain, options) {
    const from = parent && parent.filename ? dirname(parent.filename) : undefined;
    // Only plain requires from project files: not the main module, not require.resolve with paths, not built-ins.
    if (isMain || options || from === undefined || !from.startsWith(ROOT) || request.startsWith('node:') || Module.isBuiltin(request)) {
      return resolveFilename.call(this, request, parent, isMain, options);
    }
    const key = `${from}\0${request}`;
    const known = entries[key];
    if (known !== undefined && (known.includes(NODE_MODULES) || existsSync(known))) return known;
    const filename = resolveFilename.call(this, request, parent, isMain, options);
    if (filename.startsWith(ROOT)) {
      entries[key] = filename;
      added++;
    }
    return filename;
  };
  return {
    changed: () => added > 0,
    serialized: () => JSON.stringify({ version, entries }),
  };
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
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
