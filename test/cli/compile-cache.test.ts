import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const CACHE = join(ROOT, 'build', '.compile-cache');

/** A process that loads the cache hook first, then modules of every kind it must keep working. */
function run(dir: string): string {
  const main = `require(${JSON.stringify(join(ROOT, 'support/cli/compile-cache.js'))});
const plain = require('./plain');
const bang = require('./bang');
require('./dynamic').load().then((m) => console.log([plain.name, bang.name, m.default.name, typeof require('./plain').name].join(' ')));`;
  writeFileSync(join(dir, 'main.js'), main);
  return execFileSync(process.execPath, [join(dir, 'main.js')], { cwd: dir, encoding: 'utf8', env: { ...process.env, POSTURE_COMPILE_CACHE: '1' } }).trim();
}

test('modules load the same from the V8 code cache: plain, with a hashbang, with a dynamic import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posture-compile-cache-'));
  const plain = `exports.name = 'plain:' + require('node:path').basename(__filename) + ':' + typeof require.resolve;\n`;
  writeFileSync(join(dir, 'plain.js'), plain);
  writeFileSync(join(dir, 'bang.js'), "#!/usr/bin/env node\nexports.name = 'bang';\n");
  writeFileSync(join(dir, 'dynamic.js'), "exports.load = () => import('./target.mjs');\n");
  writeFileSync(join(dir, 'target.mjs'), "export default { name: 'dynamic' };\n");
  const expected = 'plain:plain.js:function bang dynamic string';
  assert.equal(run(dir), expected, 'first run: compiled, cache written at exit');
  const cached = join(CACHE, createHash('sha1').update(join(dir, 'plain.js')).update('\0').update(plain).digest('hex'));
  assert.ok(existsSync(cached), 'the plain module has its code cache');
  assert.equal(run(dir), expected, 'second run: loaded from the cache (a dynamic import still works: such modules compile as usual)');
});

test('where a require led is remembered: a package resolves from the cache, a moved project file is resolved again', () => {
  const dir = mkdtempSync(join(ROOT, 'build', 'resolve-test-'));
  const cache = mkdtempSync(join(tmpdir(), 'posture-resolve-cache-'));
  try {
    mkdirSync(join(dir, 'node_modules', 'pkgx'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'pkgx', 'index.js'), "exports.name = 'index';\n");
    writeFileSync(join(dir, 'node_modules', 'pkgx', 'other.js'), "exports.name = 'other';\n");
    writeFileSync(join(dir, 'lib.js'), "exports.name = 'file';\n");
    writeFileSync(join(dir, 'main.js'), `require(${JSON.stringify(join(ROOT, 'support/cli/compile-cache.js'))});\nconsole.log(require('pkgx').name + ' ' + require('./lib').name);\n`);
    const run = () => execFileSync(process.execPath, [join(dir, 'main.js')], { cwd: dir, encoding: 'utf8', env: { ...process.env, POSTURE_COMPILE_CACHE: '1', POSTURE_COMPILE_CACHE_DIR: cache } }).trim();
    assert.equal(run(), 'index file', 'first run: resolved as Node does');
    // A package changes only by an install: until then its remembered file is used.
    writeFileSync(join(dir, 'node_modules', 'pkgx', 'package.json'), '{"main": "other.js"}\n');
    rmSync(join(dir, 'lib.js'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'index.js'), "exports.name = 'folder';\n");
    assert.equal(run(), 'index folder', 'second run: the package from the cache, the moved file resolved again');
    rmSync(join(cache, 'resolved.json'));
    assert.equal(run(), 'other folder', 'without the cache: resolved as Node does');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
});
