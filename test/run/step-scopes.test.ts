import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { runStepsWithoutScopes } from '../../support/run/step-scopes';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|cjs)$/.test(entry) ? [path] : [];
  });
}

test('cucumber runs steps and hooks without entering its AsyncLocalStorage scopes', async () => {
  runStepsWithoutScopes();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scope = require('@cucumber/cucumber/lib/runtime/scope/index') as Record<string, (store: unknown, callback: () => unknown) => Promise<unknown>>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { world } = require('@cucumber/cucumber') as { world: Record<string, unknown> };
  const seen = await scope.runInTestCaseScope({ world: { marker: 1 } }, () => {
    assert.throws(() => world.marker, /incorrect scope/, 'the World is not in scope: our steps use `this`');
    return 'ran';
  });
  assert.equal(seen, 'ran');
  assert.equal(await scope.runInTestRunScope({ context: {} }, () => 'ran too'), 'ran too');
});

test('no step or support file reads cucumber\'s world or context proxies (they need those scopes)', () => {
  const readers = [...sources(join(ROOT, 'steps')), ...sources(join(ROOT, 'support'))]
    .filter((file) => /import\s*\{[^}]*\b(world|context)\b[^}]*\}\s*from\s*'@cucumber\/cucumber'|require\('@cucumber\/cucumber'\)\.(world|context)\b/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  assert.deepEqual(readers, []);
});
