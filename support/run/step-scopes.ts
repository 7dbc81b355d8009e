/**
 * Cucumber runs every step and hook inside an AsyncLocalStorage scope, only so that its `world` and
 * `context` exports can find the current World. On Node 20 an AsyncLocalStorage in use hooks every
 * promise of the process, the SDK's dozens per call included (6–15 % of the audit's busy CPU in two
 * paired profiles). Our steps reach the World as `this` (steps/, support/world.ts), so the scopes just
 * run their callback; test/run/step-scopes.test.ts checks that no step or support file reads `world` or
 * `context`.
 */
type Scoped = <T>(store: unknown, callback: () => T | Promise<T>) => Promise<T>;

const SCOPES = [
  ['@cucumber/cucumber/lib/runtime/scope/test_case_scope', 'runInTestCaseScope'],
  ['@cucumber/cucumber/lib/runtime/scope/test_run_scope', 'runInTestRunScope'],
] as const;

const unscoped: Scoped = async (_store, callback) => callback();

export function runStepsWithoutScopes(): void {
  for (const [path, name] of SCOPES) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scope = require(path) as Record<string, Scoped>;
    if (typeof scope[name] !== 'function') throw new Error(`cucumber no longer has ${name} in ${path}: see support/run/step-scopes.ts`);
    scope[name] = unscoped;
  }
}
