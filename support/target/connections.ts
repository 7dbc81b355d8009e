import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { FinalizeRequestMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * One keep-alive agent per endpoint, shared by every client of the run: one connection pool instead of
 * one per (service, region, credentials) client, and no TCP/TLS handshake per call.
 */
const agents = new Map<string, { httpAgent: HttpAgent; httpsAgent: HttpsAgent }>();

export function sharedAgents(endpoint: string | undefined): { httpAgent: HttpAgent; httpsAgent: HttpsAgent } {
  const key = endpoint ?? 'aws';
  let pair = agents.get(key);
  if (!pair) {
    pair = { httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }), httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };
    agents.set(key, pair);
  }
  return pair;
}

/** At most `limit` calls in flight per service and endpoint: collectors that overlap share the budget. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const gates = new Map<string, Gate>();

/**
 * Calls in flight per service: AWS throttles per service; the emulator answers on one core, but each call
 * waits on it for a while (estate L: 8 in flight 23.7 s, 16 14.1 s, 32 12.2 s, 64 about the same).
 */
export const SERVICE_CONCURRENCY = 32;

/**
 * The budget is shared per service by every client of one emulator or endpoint (one process answers them
 * all), and per service, account and region on AWS (where AWS's own rate limits apply).
 */
export function serviceConcurrency(endpoint: string | undefined, service: string, account: string, region: string): Pluggable<any, MetadataBearer> {
  const key = endpoint ? `${endpoint}|${service}` : `aws|${service}|${account}|${region}`;
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new Gate(SERVICE_CONCURRENCY)));
  const bounded = gate;
  const middleware: FinalizeRequestMiddleware<any, MetadataBearer> = (next) => (args) => bounded.run(() => next(args));
  return {
    applyToStack: (stack) => {
      // Inside the retry step: a call waiting for its back-off does not hold a slot.
      stack.add(middleware, { step: 'finalizeRequest', name: 'postureServiceConcurrency', priority: 'low' });
    },
  };
}

/**
 * An endpoint that lacks a service answers with an HTML page (moto: 404 or 500). That is "not
 * supported", not a transient fault: the call fails once, without the retries a 5xx would get.
 */
export const notSupportedIsFinal: Pluggable<any, MetadataBearer> = {
  applyToStack: (stack) => {
    stack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          const e = error as { message?: string; $response?: { headers?: Record<string, string> }; $metadata?: { httpStatusCode?: number } };
          // moto labels every answer of some services text/html (Security Hub, 200 OK): only an error status
          // or HTML markup in the failure says "no such service"; a 200 whose body was cut off is transient.
          const status = e?.$metadata?.httpStatusCode ?? 0;
          const html = /<!doctype|<html/i.test(String(e?.message)) || (status >= 400 && /text\/html/i.test(e?.$response?.headers?.['content-type'] ?? ''));
          if (!html) throw error;
          const final = new Error(`the endpoint does not support this service (HTTP ${e.$metadata?.httpStatusCode ?? '?'} with an HTML page): ${String(e.message).split('\n')[0].slice(0, 120)}`);
          final.name = 'ServiceNotSupported';
          throw final;
        }
      },
      { step: 'deserialize', name: 'postureNotSupportedIsFinal', priority: 'high' },
    );
  },
};
