import { RETRY_ATTEMPTS } from './clients';

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * An unsigned HTTP request (the @exam scenarios' anonymous requests), retried like the SDK's calls:
 * on a connection error or a throttling/5xx answer, with jittered exponential backoff, at most `attempts` times.
 */
export async function fetchWithRetries(url: string, init?: RequestInit, attempts = RETRY_ATTEMPTS): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, init);
      if (!RETRYABLE_STATUS.has(response.status) || attempt >= attempts) return response;
      await response.arrayBuffer();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2000, 50 * 2 ** attempt)));
  }
}
