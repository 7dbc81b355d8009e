#!/usr/bin/env node
// `npm run audit|report|docs|bench`: runs the compiled CLI from build/ (no TypeScript compilation at
// run time). If a source is newer than the last build (a developer edited it), it builds first, so the
// command never runs stale code. Plain JavaScript: it must start without a build.
'use strict';
const Module = require('node:module');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { build, ROOT, BUILD } = require('./build');

const COMMANDS = ['audit', 'report', 'docs', 'bench', 'job-summary'];

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = entry.isDirectory() ? newestSource(path, newest) : Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  const stamp = join(BUILD, '.stamp');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = Math.max(newestSource(join(ROOT, 'support')), newestSource(join(ROOT, 'steps')), statSync(join(ROOT, 'tsconfig.json')).mtimeMs);
  return sources > built;
}

const command = process.argv[2];
if (!COMMANDS.includes(command)) {
  process.stderr.write(`aws-posture: unknown command "${command}" (one of ${COMMANDS.join(', ')})\n`);
  process.exit(1);
}
if (stale()) {
  process.stderr.write('aws-posture: compiling (sources changed since the last build)\n');
  const status = build();
  if (status !== 0) process.exit(status);
}
require('./compile-cache');
require('./native-match-indices');
// Run the compiled CLI as the main module, with its own arguments.
process.argv.splice(1, 2, join(BUILD, 'support', 'cli', `${command}.js`));
Module.runMain();
