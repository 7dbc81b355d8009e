/** Where AWS is for this run. The kind decides whether anything may be provisioned. */
export type TargetKind = 'emulator' | 'endpoint' | 'live' | 'localstack';

export const TARGET_KINDS: readonly TargetKind[] = ['emulator', 'endpoint', 'live', 'localstack'];

export interface TargetSpec {
  kind: TargetKind;
  /** Set for endpoint (given), emulator and localstack (once started). */
  endpoint?: string;
}

export class TargetError extends Error {
  override name = 'TargetError';
}

/** POSTURE_TARGET wins; otherwise AWS_ENDPOINT_URL means "audit that endpoint"; otherwise the emulator. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv, requested?: string): TargetSpec {
  const kind = (requested ?? env.POSTURE_TARGET ?? (env.AWS_ENDPOINT_URL ? 'endpoint' : 'emulator')) as TargetKind;
  if (!TARGET_KINDS.includes(kind)) {
    throw new TargetError(`POSTURE_TARGET: "${kind}" is not one of ${TARGET_KINDS.join(', ')}`);
  }
  if (kind === 'endpoint') {
    const endpoint = env.AWS_ENDPOINT_URL;
    if (!endpoint) throw new TargetError('POSTURE_TARGET=endpoint needs AWS_ENDPOINT_URL (e.g. http://127.0.0.1:5000)');
    assertUrl(endpoint, 'AWS_ENDPOINT_URL');
    return { kind, endpoint };
  }
  return { kind };
}

function assertUrl(value: string, name: string): void {
  try {
    new URL(value);
  } catch {
    throw new TargetError(`${name}: "${value}" is not a URL`);
  }
}

/** Only an emulator on this machine may be written to. */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
