#!/usr/bin/env node
// `npm run build` (also npm's `prepare`, so `npm install` builds): tsc into build/, then the files the
// code reads beside itself (the moto launcher, policies, helper scripts) and links to node_modules and
// test/ so paths relative to the sources hold in build/ too. Plain JavaScript: it runs before any build.
'use strict';
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const BUILD = join(ROOT, 'build');

function build() {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  copyAssets(join(ROOT, 'support'));
  // Code cached for sources and packages as they were (compile-cache.js): a build starts it afresh.
  rmSync(join(BUILD, '.compile-cache'), { recursive: true, force: true });
  for (const name of ['node_modules', 'test']) {
    const link = join(BUILD, name);
    if (!existsSync(link)) symlinkSync(join('..', name), link);
  }
  writeFileSync(join(BUILD, '.stamp'), `${new Date().toISOString()}\n`);
  return 0;
}

/** Everything under support/ that is not TypeScript, at the same place under build/. */
function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(path);
    else if (!entry.name.endsWith('.ts')) {
      const target = join(BUILD, relative(ROOT, path));
      mkdirSync(join(target, '..'), { recursive: true });
      cpSync(path, target);
    }
  }
}

if (require.main === module) process.exit(build());
module.exports = { build, ROOT, BUILD };
