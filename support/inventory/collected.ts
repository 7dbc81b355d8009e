/**
 * What AWS said, or why we could not hear it. "No configuration" (e.g. no public access block) is data
 * and is collected as such; AccessDenied, throttling or a missing service is `not-collected`.
 */
export type Collected<T> = { kind: 'collected'; value: T } | { kind: 'not-collected'; reason: string };

export const collected = <T>(value: T): Collected<T> => ({ kind: 'collected', value });
export const notCollected = <T = never>(reason: string): Collected<T> => ({ kind: 'not-collected', reason });

export function isCollected<T>(c: Collected<T>): c is { kind: 'collected'; value: T } {
  return c.kind === 'collected';
}

/** The error names/codes that mean "there is none of this", per call. Everything else is a failure to read. */
export interface AttemptOptions<T> {
  absent?: readonly string[];
  /** Value to record when the error means "absent". */
  whenAbsent?: T;
}

export function errorCode(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  return e?.Code ?? e?.name ?? e?.code ?? 'Error';
}

export function describeError(what: string, error: unknown): string {
  const code = errorCode(error);
  const message = (error as Error)?.message ?? String(error);
  return `${what}: ${code}${message && message !== code ? ` (${message.split('\n')[0].slice(0, 200)})` : ''}`;
}

/** Run one read; catch only what means "absent", record any other failure as not collected. */
export async function attempt<T>(what: string, read: () => Promise<T>, options: AttemptOptions<T> = {}): Promise<Collected<T>> {
  try {
    return collected(await read());
  } catch (error) {
    if (options.absent?.includes(errorCode(error))) return collected(options.whenAbsent as T);
    return notCollected(describeError(what, error));
  }
}

/** Combine two pieces; the first reason wins when either is missing. */
export function both<A, B>(a: Collected<A>, b: Collected<B>): Collected<[A, B]> {
  if (a.kind !== 'collected') return a;
  if (b.kind !== 'collected') return b;
  return collected([a.value, b.value]);
}

/**
 * A piece the collector did not read because, here, it cannot change any selected control's verdict
 * (e.g. ACLs disabled by BucketOwnerEnforced, or no selected control reads it). Recorded with its reason
 * so evidence says so; never a failure to read. A rule that does need a skipped piece reports not verified.
 */
export type Skipped = { kind: 'skipped'; why: string };
export type Readable<T> = Collected<T> | Skipped;

export const skipped = (why: string): Skipped => ({ kind: 'skipped', why });
