import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { MiddlewareStack } from '@smithy/types';
import { readOnlyGuard, type ReadOnlyException } from './read-only-guard';
import { s3ControlEndpoint, stripAccountHostPrefix } from './s3-control-endpoint';
import type { AccountAccess } from './accounts';
import { isLoopbackEndpoint } from './target';
import { withFastProperties } from './fast-properties';
import { notSupportedIsFinal, serviceConcurrency, sharedAgents } from './connections';

/** The part of an SDK v3 client the factory touches. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClient = { middlewareStack: MiddlewareStack<any, any>; destroy(): void };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientClass<C extends AnyClient> = new (config: any) => C;

export type ClientMode = 'read-only' | 'provisioning';

/** Attempts per AWS call (first try included): at 30 % injected faults, one call in about 170,000 fails every attempt (0.3^10). */
export const RETRY_ATTEMPTS = 10;
/**
 * Requests per second a throttled client still sends. The SDK's default floor (0.5/s) turns a few
 * throttled answers into minutes of waiting for an audit of thousands of reads; backoff still applies per call.
 */
const MIN_SEND_RATE = 20;

/** A number, not a provider: with options the SDK reads only a numeric attempt count (else 3). */
function adaptiveRetries(): AdaptiveRetryStrategy {
  return new AdaptiveRetryStrategy(RETRY_ATTEMPTS, { rateLimiter: new DefaultRateLimiter({ minFillRate: MIN_SEND_RATE, minCapacity: MIN_SEND_RATE }) });
}

export class ProvisioningRefused extends Error {
  override name = 'ProvisioningRefused';
}

/**
 * One client per (client class, credentials, region), as iam-collect does. A read-only factory puts the
 * read-only guard on every client; a provisioning factory exists only for a loopback emulator endpoint.
 */
export class ClientFactory {
  private readonly cache = new Map<string, AnyClient>();

  constructor(
    readonly endpoint: string | undefined,
    readonly mode: ClientMode,
    private readonly readExceptions: ReadOnlyException[] = [],
    /** Sees every command a client sends (benchmark call counts, policy-coverage checks). */
    private readonly observe?: (clientName: string, commandName: string) => void,
  ) {
    if (mode === 'provisioning' && !isLoopbackEndpoint(endpoint)) {
      throw new ProvisioningRefused(
        `refusing to provision at ${endpoint ?? 'the live AWS credential chain'}: estates are only ever written to a loopback emulator endpoint`,
      );
    }
  }

  client<C extends AnyClient>(Class: ClientClass<C>, account: AccountAccess, region: string): C {
    const key = `${Class.name}|${account.credentialKey}|${region}`;
    let client = this.cache.get(key) as C | undefined;
    if (!client) {
      client = this.create(Class, account, region);
      this.cache.set(key, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
  }

  private create<C extends AnyClient>(Class: ClientClass<C>, account: AccountAccess, region: string): C {
    const isS3Control = Class.name === 'S3ControlClient';
    const endpoint = this.endpoint && isS3Control ? s3ControlEndpoint(this.endpoint) : this.endpoint;
    const client = new Class({
      region,
      credentials: account.credentials,
      // Throttling, 5xx and connection resets are retried; bounded: after the last attempt the read counts
      // as "not collected". Adaptive: a throttled client slows its sending rate, down to a floor.
      retryStrategy: adaptiveRetries(),
      // Each command class resolves its middleware stack once per client, not on every call (sorting the
      // stack was a twentieth of an audit's CPU). Every middleware here is added before the first call.
      cacheMiddleware: true,
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      // Reads share one keep-alive pool per endpoint and a per-service budget; the provisioner keeps the
      // SDK's own agent per client (a write retried after a reused socket dropped is not idempotent).
      ...(this.mode === 'read-only' ? { requestHandler: sharedAgents(endpoint) } : {}),
    });
    reuseSigners(client);
    withFastProperties((client as unknown as { config: object }).config);
    // No SDK logger is configured, yet the logger middleware filters every input and output through its
    // schema for the no-op logger on each call.
    client.middlewareStack.remove('loggerMiddleware');
    if (this.mode === 'read-only') client.middlewareStack.use(serviceConcurrency(endpoint, Class.name, account.credentialKey, region));
    client.middlewareStack.use(notSupportedIsFinal);
    if (this.mode === 'read-only') client.middlewareStack.use(readOnlyGuard(this.readExceptions));
    if (endpoint && isS3Control) client.middlewareStack.use(stripAccountHostPrefix(endpoint));
    if (process.env.POSTURE_TRACE) {
      // Slow-call trace for profiling estates and collectors: POSTURE_TRACE=<threshold ms>.
      const threshold = Number(process.env.POSTURE_TRACE) || 200;
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const started = Date.now();
          try {
            return await next(args);
          } finally {
            const ms = Date.now() - started;
            if (ms >= threshold) process.stderr.write(`slow call: ${String(context.clientName)} ${String(context.commandName)} ${ms} ms\n`);
          }
        },
        { step: 'initialize', name: 'postureTraceSlowCalls', priority: 'high' },
      );
    }
    const observe = this.observe;
    if (observe) {
      client.middlewareStack.add(
        (next, context) => (args) => {
          observe(String(context.clientName ?? Class.name), String(context.commandName ?? '').replace(/Command$/, ''));
          return next(args);
        },
        { step: 'initialize', name: 'postureObserveCommands', priority: 'low' },
      );
    }
    return client;
  }
}

type SignerProvider = (authScheme?: unknown) => Promise<unknown>;

/**
 * Clients whose endpoint names the auth scheme (S3) ask the config's `signer` for a new SigV4 signer on
 * every call (a copy of the whole config and the signing-key HMACs each time); other clients keep one.
 * One signer per auth scheme here: it reads the credentials and the clock offset at each signing, as
 * the shared signers of the other clients do.
 */
function reuseSigners(client: AnyClient): void {
  const config = (client as unknown as { config?: { signer?: unknown } }).config;
  if (!config || typeof config.signer !== 'function') return;
  const create = config.signer as SignerProvider;
  const signers = new Map<string, Promise<unknown>>();
  config.signer = (authScheme?: unknown) => {
    const key = JSON.stringify(authScheme ?? null);
    let signer = signers.get(key);
    if (!signer) {
      signers.set(key, (signer = create(authScheme)));
      signer.catch(() => signers.delete(key)); // a signer that could not be made is asked for again
    }
    return signer;
  };
}
