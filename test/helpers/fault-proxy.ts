import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the proxy sees it: the signing service, the operation (when the protocol names it) and the body. */
export interface SeenRequest {
  /** From the SigV4 credential scope (s3, ec2, iam, sts, kms, ...); 'anonymous' for unsigned requests. */
  service: string;
  /** The access key id the request is signed with (none when unsigned). */
  accessKeyId?: string;
  /** JSON: X-Amz-Target; query: Action; REST (S3): undefined. */
  operation?: string;
  method: string;
  url: string;
  body: string;
}

export type Fault = 'throttle' | 'reset' | 'deny';
export type FaultPolicy = (request: SeenRequest) => Fault | undefined;

export interface FaultProxy {
  endpoint: string;
  /** What the proxy did: requests forwarded and faults injected, by kind. */
  counts: Record<'forwarded' | Fault, number>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of the test emulator that answers some requests itself, as AWS would
 * under load or without permission: throttling (400 ThrottlingException / Throttling, 503 SlowDown /
 * RequestLimitExceeded, in the protocol's own error shape), a reset connection, or AccessDenied.
 */
export async function startFaultProxy(upstream: string, policy: FaultPolicy): Promise<FaultProxy> {
  const target = new URL(upstream);
  const counts = { forwarded: 0, throttle: 0, reset: 0, deny: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen = describe(req, body.toString('utf8'));
      const fault = policy(seen);
      if (fault === 'reset') {
        counts.reset++;
        req.socket.destroy();
        return;
      }
      if (fault) {
        counts[fault]++;
        answer(res, errorFor(fault, req, seen));
        return;
      }
      counts.forwarded++;
      const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upstreamResponse) => {
        res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(res);
      });
      forward.on('error', () => req.socket.destroy());
      forward.end(body);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A policy that answers `rate` of all requests with throttling or a reset connection (a third of them
 * resets). The draws come from a seeded generator, so every run injects the same sequence of faults.
 */
export function randomFaults(rate: number, random: () => number = seededRandom(0x5eed)): FaultPolicy {
  return () => {
    const draw = random();
    if (draw >= rate) return undefined;
    return draw < rate / 3 ? 'reset' : 'throttle';
  };
}

/** mulberry32: a small, well-mixed 32-bit generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function describe(req: IncomingMessage, body: string): SeenRequest {
  const scope = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
  const service = scope?.[2] ?? 'anonymous';
  const target = req.headers['x-amz-target'];
  const action = /(?:^|&)Action=([^&]+)/.exec(body)?.[1];
  const operation = typeof target === 'string' ? target.split('.').pop() : action ? decodeURIComponent(action) : undefined;
  return { service, accessKeyId: scope?.[1], operation, method: req.method ?? 'GET', url: req.url ?? '/', body };
}

type Protocol = 'json' | 'rest-json' | 'ec2' | 'query' | 'rest-xml';

const REST_JSON_SERVICES = ['elasticfilesystem', 'securityhub'];

function protocolOf(req: IncomingMessage, seen: SeenRequest): Protocol {
  const type = String(req.headers['content-type'] ?? '');
  if (/x-amz-json/.test(type) || req.headers['x-amz-target']) return 'json';
  if (seen.service === 'ec2') return 'ec2';
  if (/x-www-form-urlencoded/.test(type) || /(?:^|&)Action=/.test(seen.body)) return 'query';
  // REST-JSON services also send GETs without a body (EFS DescribeFileSystems, Security Hub DescribeHub).
  if (/application\/json/.test(type) || REST_JSON_SERVICES.includes(seen.service)) return 'rest-json';
  return 'rest-xml';
}

interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The error each protocol's SDK deserializer reads as that error code (and classifies as throttling when it is one). */
function errorFor(fault: 'throttle' | 'deny', req: IncomingMessage, seen: SeenRequest): ErrorAnswer {
  const protocol = protocolOf(req, seen);
  const id = 'fault-proxy-0000';
  const xml = (status: number, body: string): ErrorAnswer => ({ status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': id }, body });
  const json = (status: number, type: string, message: string): ErrorAnswer => ({
    status,
    headers: { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': id },
    body: JSON.stringify({ __type: type, message }),
  });
  if (fault === 'throttle') {
    switch (protocol) {
      case 'json':
        return json(400, 'ThrottlingException', 'Rate exceeded');
      case 'rest-json':
        return json(429, 'ThrottlingException', 'Rate exceeded');
      case 'ec2':
        return xml(503, `<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>${id}</RequestID></Response>`);
      case 'query':
        return xml(400, `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`);
      case 'rest-xml':
        return xml(503, `<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>${id}</RequestId></Error>`);
    }
  }
  const message = `injected: not authorized to perform ${seen.service}:${seen.operation ?? seen.method}`;
  switch (protocol) {
    case 'json':
      return json(400, 'AccessDeniedException', message);
    case 'rest-json':
      return json(403, 'AccessDeniedException', message);
    case 'ec2':
      return xml(403, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>${message}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`);
    case 'query':
      return xml(403, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`);
    case 'rest-xml':
      return xml(403, `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>${id}</RequestId></Error>`);
  }
}

function answer(res: ServerResponse, error: ErrorAnswer): void {
  res.writeHead(error.status, { ...error.headers, 'content-length': String(Buffer.byteLength(error.body)) });
  res.end(error.body);
}
