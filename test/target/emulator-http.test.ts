import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../support/target/emulator';

/**
 * The launcher answers plain requests on a kept connection in one pass, and everything else through
 * werkzeug (support/target/moto_server.py, _plain_requests_in_one_pass): the HTTP edge cases, over a raw socket.
 */
const AUTH = 'AWS4-HMAC-SHA256 Credential=testing/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';
const BUCKET = `posture-http-${process.pid}`;

let own: RunningEmulator | undefined;
let port = 0;

before(async () => {
  let endpoint = process.env.POSTURE_TEST_ENDPOINT;
  if (!endpoint) endpoint = (own = await startEmulator()).endpoint;
  port = Number(new URL(endpoint).port);
  const [created] = await exchange([request('PUT', `/${BUCKET}`)], 1);
  assert.equal(created.status, 200);
  const [put] = await exchange([request('PUT', `/${BUCKET}/k`, 'hello', { 'Content-Type': 'text/plain' })], 1);
  assert.equal(put.status, 200);
});

after(async () => {
  await own?.stop();
});

function request(method: string, path: string, body = '', headers: Record<string, string> = {}): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${AUTH}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (body && !('Transfer-Encoding' in headers)) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends everything at once on one connection; reads `count` answers (HEAD ones without a body), and whether the server closed. */
function exchange(requests: string[], count: number, heads: number[] = []): Promise<Answer[] & { closed?: boolean; interim?: string[] }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const answers: Answer[] & { closed?: boolean; interim?: string[] } = Object.assign([], { interim: [] as string[] });
    const timer = setTimeout(() => finish(new Error(`timed out with ${answers.length} of ${count} answers`)), 5000);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answers);
    };
    const parse = () => {
      for (;;) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(statusLine.split(' ')[1]);
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        let rest = data.subarray(end + 4);
        if (status === 100) {
          answers.interim!.push(statusLine);
          data = rest;
          continue;
        }
        let body = '';
        if (!heads.includes(answers.length)) {
          if (headers['transfer-encoding'] === 'chunked') {
            const last = rest.indexOf('0\r\n\r\n');
            if (last < 0) return;
            body = rest.subarray(0, last).toString().replace(/^[0-9a-f]+\r\n|\r\n$/g, '');
            rest = rest.subarray(last + 5);
          } else {
            const length = Number(headers['content-length'] ?? 0);
            if (rest.length < length) return;
            body = rest.subarray(0, length).toString();
            rest = rest.subarray(length);
          }
        }
        answers.push({ status, headers, body });
        data = rest;
        if (answers.length === count && !answers.closed) return;
      }
    };
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      parse();
      if (answers.length >= count) setTimeout(() => finish(), 150); // a close right after shows as `closed`
    });
    socket.on('end', () => {
      answers.closed = true;
      if (answers.length >= count) finish();
    });
    socket.on('error', finish);
    socket.write(requests.join(''));
  });
}

test('pipelined requests on one kept connection, one with a body nothing reads, are answered in order', async () => {
  // moto's API has no such route: Flask answers 404 without reading the body, which must be drained.
  const unread = request('POST', '/moto-api/posture/no-such-route', 'abcde', { 'Content-Type': 'application/octet-stream' });
  const answers = await exchange([unread, request('GET', `/${BUCKET}/k`), request('HEAD', `/${BUCKET}/k`), request('GET', `/${BUCKET}/missing`)], 4, [2]);
  assert.deepEqual(
    answers.map((a) => a.status),
    [404, 200, 200, 404],
  );
  assert.equal(answers[1].body, 'hello');
  assert.equal(answers[2].body, '');
  assert.equal(answers[2].headers['content-length'], '5');
  assert.match(answers[3].body, /NoSuchKey/);
  assert.ok(!answers.closed, 'the connection stays open');
  for (const answer of answers.slice(1)) {
    assert.ok(answer.headers.date);
    assert.equal(answer.headers['access-control-allow-origin'], '*');
    assert.equal(answer.headers.connection, undefined);
  }
});

test('Expect: 100-continue gets its interim answer, then the answer', async () => {
  const answers = await exchange([request('PUT', `/${BUCKET}/k2`, 'world', { 'Content-Type': 'text/plain', Expect: '100-continue' })], 1);
  assert.ok(answers.interim!.length >= 1 && answers.interim!.every((line) => line === 'HTTP/1.1 100 Continue'));
  assert.equal(answers[0].status, 200);
  const [read] = await exchange([request('GET', `/${BUCKET}/k2`)], 1);
  assert.equal(read.body, 'world');
});

test('a chunked request and a request asking to close are answered by werkzeug and close the connection', async () => {
  const chunked = await exchange([request('GET', `/${BUCKET}/k`, '5\r\nabcde\r\n0\r\n\r\n', { 'Transfer-Encoding': 'chunked' })], 1);
  assert.equal(chunked[0].status, 200);
  assert.equal(chunked[0].headers.connection, 'close');
  assert.ok(chunked.closed);
  const closing = await exchange([request('GET', `/${BUCKET}/k`, '', { Connection: 'close' })], 1);
  assert.equal(closing[0].body, 'hello');
  assert.equal(closing[0].headers.connection, 'close');
  assert.ok(closing.closed);
});

/** Everything the server sends until it closes the connection. */
function untilClosed(raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open'));
    }, 5000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', reject);
    socket.write(raw);
  });
}

test('a malformed request line and too many headers are refused as http.server refuses them, and the connection closed', async () => {
  assert.match(await untilClosed('NONSENSE\r\n\r\n'), /Bad request syntax/);
  const headers = Array.from({ length: 101 }, (_, i) => `X-Extra-${i}: ${i}`).join('\r\n');
  assert.match(await untilClosed(`GET /${BUCKET}/k HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n\r\n`), /^HTTP\/1\.1 431 Too many headers/);
});
