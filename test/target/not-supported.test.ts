import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { ClientFactory } from '../../support/target/clients';

test('an endpoint that answers a service with an HTML page is asked once, not retried', async () => {
  let requests = 0;
  const server = createServer((_, response) => {
    requests++;
    response.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><body>500 Internal Server Error</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clients = new ClientFactory(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'read-only');
  try {
    const client = clients.client(AccessAnalyzerClient, { accountId: '111122223333', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, credentialKey: 'test' }, 'us-east-1');
    await assert.rejects(client.send(new ListAnalyzersCommand({})), (error: Error) => error.name === 'ServiceNotSupported' && /<!doctype/i.test(error.message));
    assert.equal(requests, 1);
  } finally {
    clients.destroy();
    server.close();
  }
});

test('a 200 labelled text/html (as moto labels Security Hub) cut off mid-body is retried, not taken for a missing service', async () => {
  let requests = 0;
  const server = createServer((_, response) => {
    requests++;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': '17' });
    if (requests === 1) {
      response.write('{"analy');
      setTimeout(() => response.socket?.destroy(), 20); // headers out, body cut off: the SDK reads 'aborted'
    } else response.end('{"analyzers": []}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clients = new ClientFactory(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'read-only');
  try {
    const client = clients.client(AccessAnalyzerClient, { accountId: '111122223333', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, credentialKey: 'test' }, 'us-east-1');
    const answer = await client.send(new ListAnalyzersCommand({}));
    assert.deepEqual(answer.analyzers, []);
    assert.equal(requests, 2);
  } finally {
    clients.destroy();
    server.close();
  }
});
