/**
 * The bottom layer: plain types and pure helpers that inventory, evaluators and rules all use. Nothing
 * here imports from any other part of support/ except inventory types; everything may import from here.
 */

/** An IAM policy document as AWS returns it (Statement: one statement or a list). */
export type PolicyJson = { Version?: string; Statement: unknown[] | unknown };

/** Policy fields may hold one value or a list. */
export function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** IAM-style wildcard match (`*` and `?`), case-sensitive as ARNs are. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}
