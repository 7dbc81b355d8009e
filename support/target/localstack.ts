import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import type { AccountAccess } from './accounts';
import { ClientFactory, type AnyClient, type ClientClass } from './clients';
import type { RunningEmulator } from './emulator';
import type { ReadOnlyException } from './read-only-guard';
import { TargetError } from './target';

/**
 * POSTURE_TARGET=localstack: LocalStack in Docker, started through testcontainers and stopped when the
 * run ends. Images after 4.14.0 need LOCALSTACK_AUTH_TOKEN, which is passed through; the image is pinned
 * and can be changed with POSTURE_LOCALSTACK_IMAGE. Services the running edition lacks (Organizations and
 * CloudTrail are not in the free tier) are refused before any request, so their controls are reported
 * not verified with that reason instead of a confusing 501.
 */
export const LOCALSTACK_IMAGE = 'localstack/localstack:4.14.0';

/** Services the posture suite reads that LocalStack's free tier does not emulate: health key → name. */
export const LOCALSTACK_GATED_SERVICES: Record<string, string> = { organizations: 'Organizations', cloudtrail: 'CloudTrail' };

/** Service key (lowercase, as the SDK client is named) → why it cannot be read on this LocalStack. */
export type LocalStackLacks = Map<string, string>;

export interface StartedContainer {
  endpoint: string;
  stop(): Promise<void>;
}

/** How a container is started; tests replace it (no Docker on the build machine). */
export type StartContainer = (image: string, environment: Record<string, string>) => Promise<StartedContainer>;

export interface LocalStackHealth {
  edition?: string;
  version?: string;
  services?: Record<string, string>;
}

export interface RunningLocalStack extends RunningEmulator {
  lacking: LocalStackLacks;
}

export async function startLocalStack(options: {
  env?: NodeJS.ProcessEnv;
  progress?: (line: string) => void;
  start?: StartContainer;
  health?: (endpoint: string) => Promise<LocalStackHealth>;
}): Promise<RunningLocalStack> {
  const env = options.env ?? process.env;
  const image = env.POSTURE_LOCALSTACK_IMAGE ?? LOCALSTACK_IMAGE;
  const environment: Record<string, string> = env.LOCALSTACK_AUTH_TOKEN ? { LOCALSTACK_AUTH_TOKEN: env.LOCALSTACK_AUTH_TOKEN } : {};
  options.progress?.(`starting ${image} through testcontainers${environment.LOCALSTACK_AUTH_TOKEN ? ' (with LOCALSTACK_AUTH_TOKEN)' : ''}`);
  let container: StartedContainer;
  try {
    container = await (options.start ?? startWithTestcontainers)(image, environment);
  } catch (error) {
    throw new TargetError(
      `POSTURE_TARGET=localstack could not start ${image}: ${(error as Error).message.split('\n')[0]}. ` +
        'It needs Docker; without Docker, start LocalStack elsewhere (docker compose up localstack) and audit it with POSTURE_TARGET=endpoint AWS_ENDPOINT_URL=http://localhost:4566',
    );
  }
  try {
    const health = await (options.health ?? readHealth)(container.endpoint);
    return { endpoint: container.endpoint, version: `LocalStack ${health.version ?? '(version unknown)'} ${health.edition ?? ''}`.trim(), stop: () => container.stop(), lacking: lackingServices(health) };
  } catch (error) {
    await container.stop();
    throw new TargetError(`LocalStack at ${container.endpoint} did not report its health: ${(error as Error).message}`);
  }
}

/** A gated service counts as present only when the health endpoint lists it as available or running. */
export function lackingServices(health: LocalStackHealth): LocalStackLacks {
  const lacking: LocalStackLacks = new Map();
  for (const [key, name] of Object.entries(LOCALSTACK_GATED_SERVICES)) {
    const state = health.services?.[key];
    if (state === 'available' || state === 'running') continue;
    lacking.set(key, `${name} is not available in this LocalStack (${health.edition ?? 'community'} edition${state ? `, state "${state}"` : ''}): it needs a paid plan and LOCALSTACK_AUTH_TOKEN`);
  }
  return lacking;
}

export class ServiceNotInLocalStack extends Error {
  override name = 'ServiceNotInLocalStack';
}

/** Read-only clients that refuse, before any request, the services this LocalStack lacks. */
export class LocalStackClientFactory extends ClientFactory {
  private readonly refusing = new WeakSet<AnyClient>();

  constructor(
    endpoint: string | undefined,
    readonly lacking: LocalStackLacks,
    readExceptions: ReadOnlyException[] = [],
  ) {
    super(endpoint, 'read-only', readExceptions);
  }

  override client<C extends AnyClient>(Class: ClientClass<C>, account: AccountAccess, region: string): C {
    const client = super.client(Class, account, region);
    const reason = this.lacking.get(Class.name.replace(/Client$/, '').toLowerCase());
    if (reason && !this.refusing.has(client)) {
      const refuse: InitializeMiddleware<any, MetadataBearer> = () => async () => {
        throw new ServiceNotInLocalStack(reason);
      };
      // Added when the client is first handed out, before its first call: the factory's clients resolve
      // their middleware once (cacheMiddleware), so a middleware added after a call would not apply.
      client.middlewareStack.add(refuse, { step: 'initialize', name: 'postureLocalStackLacks', priority: 'high' });
      this.refusing.add(client);
    }
    return client;
  }
}

async function startWithTestcontainers(image: string, environment: Record<string, string>): Promise<StartedContainer> {
  const { LocalstackContainer } = await import('@testcontainers/localstack');
  const container = await new LocalstackContainer(image).withEnvironment(environment).start();
  return { endpoint: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

async function readHealth(endpoint: string): Promise<LocalStackHealth> {
  const response = await fetch(`${endpoint}/_localstack/health`);
  if (!response.ok) throw new Error(`/_localstack/health answered ${response.status}`);
  return (await response.json()) as LocalStackHealth;
}
