/**
 * Unsigned HTTP requests of @exam scenarios (what anyone on the internet sends). The SDK retries its own
 * calls; these go through fetch, so throttling (429, 503 SlowDown), a 500 or a reset connection is retried
 * here: a few attempts with growing delays, then the last answer or error stands.
 */
export const ANONYMOUS_ATTEMPTS = 5;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export async function anonymousGet(url: string, options: { attempts?: number; delayMs?: number; fetch?: typeof fetch } = {}): Promise<number> {
  const attempts = options.attempts ?? ANONYMOUS_ATTEMPTS;
  const send = options.fetch ?? fetch;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await send(url, { signal: AbortSignal.timeout(15_000) });
      await response.arrayBuffer();
      if (!RETRYABLE.has(response.status) || attempt === attempts) return response.status;
    } catch (error) {
      lastError = error;
      if (attempt === attempts) break;
    }
    await new Promise((resolve) => setTimeout(resolve, (options.delayMs ?? 100) * 2 ** (attempt - 1)));
  }
  throw new Error(`anonymous GET ${url}: no answer after ${attempts} attempts (${(lastError as Error | undefined)?.message ?? 'unknown error'})`);
}
