import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the emulator that counts every AWS call by service and operation,
 * whatever code makes it (this tree or another commit's): the bench's call counts do not depend on the
 * audited code reporting its own calls.
 */
export class CountingProxy {
  readonly counts = new Map<string, number>();
  /** Summed answer time per operation (ms): which reads the emulator spends its time on. */
  readonly millis = new Map<string, number>();
  private server?: Server;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    const upstream = new URL(this.target);
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (c: Buffer) => chunks.push(c));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const key = this.count(incoming, body);
        const started = performance.now();
        const forward = request(
          { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent: this.agent },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
            answer.on('end', () => this.millis.set(key, (this.millis.get(key) ?? 0) + performance.now() - started));
          },
        );
        forward.on('error', (error) => {
          outgoing.writeHead(502);
          outgoing.end(String(error));
        });
        forward.end(body);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.counts.clear();
    this.millis.clear();
  }

  timeSnapshot(): Record<string, number> {
    return Object.fromEntries([...this.millis.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => b[1] - a[1]));
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private count(incoming: IncomingMessage, body: Buffer): string {
    const service = serviceOf(incoming);
    const key = `${service} ${operationOf(service, incoming, body)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return key;
  }
}

/** The signing scope names the service: Credential=<key>/<date>/<region>/<service>/aws4_request. */
function serviceOf(incoming: IncomingMessage): string {
  const match = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(incoming.headers.authorization ?? ''));
  return match?.[1] ?? 'unsigned';
}

/** JSON protocols name it in X-Amz-Target, query protocols in Action; S3 by method and sub-resource. */
function operationOf(service: string, incoming: IncomingMessage, body: Buffer): string {
  const target = incoming.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const url = new URL(incoming.url ?? '/', 'http://local');
  const action = url.searchParams.get('Action') ?? new URLSearchParams(body.toString('utf8')).get('Action');
  if (action && !(incoming.headers['content-type'] ?? '').toString().includes('xml')) return action;
  // Other REST services (e.g. Access Analyzer: GET /analyzer): method and first path segment.
  if (service !== 's3') return `${incoming.method} /${url.pathname.split('/').filter(Boolean)[0] ?? ''}`;
  return s3Operation(incoming.method ?? 'GET', url);
}

function s3Operation(method: string, url: URL): string {
  const verb = { GET: 'Get', PUT: 'Put', DELETE: 'Delete', HEAD: 'Head', POST: 'Post' }[method] ?? method;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'v20180820') return `${verb}Account${capital(parts.at(-1) ?? '')}`;
  if (parts.length === 0) return method === 'GET' ? 'ListBuckets' : verb;
  const what = parts.length > 1 ? 'Object' : 'Bucket';
  if (url.searchParams.get('list-type') === '2') return 'ListObjectsV2';
  const sub = [...url.searchParams.keys()].find((k) => !['x-id', 'max-keys', 'prefix', 'continuation-token', 'versionId'].includes(k));
  return sub ? `${verb}${what}${capital(sub)}` : `${verb}${what}`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
