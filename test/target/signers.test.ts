import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { GetBucketAclCommand, S3Client } from '@aws-sdk/client-s3';
import { ClientFactory } from '../../support/target/clients';

const ACL = '<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy><Owner><ID>o</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>';

test('an S3 client signs every call with its signer made once, and with the credentials of the moment', async () => {
  const keys: string[] = [];
  const server = createServer((request, response) => {
    keys.push(/Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? 'unsigned');
    response.writeHead(200, { 'content-type': 'application/xml' });
    response.end(ACL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let current = 'AKIDEXAMPLEOLD';
  // Assumed-role credentials are refreshed (the SDK asks again when they expire within 5 minutes): a
  // reused signer must sign with the refreshed ones.
  const credentials = async () => ({ accessKeyId: current, secretAccessKey: 'secret', expiration: new Date(Date.now() + 60_000) });
  const clients = new ClientFactory(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'read-only');
  try {
    const client = clients.client(S3Client, { accountId: '111122223333', credentials, credentialKey: 'rotating' }, 'us-east-1');
    const config = (client as unknown as { config: { signer: (scheme?: unknown) => Promise<unknown> } }).config;
    for (const bucket of ['one', 'two']) await client.send(new GetBucketAclCommand({ Bucket: bucket }));
    current = 'AKIDEXAMPLENEW';
    for (const bucket of ['three', 'four']) await client.send(new GetBucketAclCommand({ Bucket: bucket }));
    assert.deepEqual(keys, ['AKIDEXAMPLEOLD', 'AKIDEXAMPLEOLD', 'AKIDEXAMPLENEW', 'AKIDEXAMPLENEW']);
    const scheme = { name: 'sigv4', signingName: 's3', signingRegion: 'us-east-1', properties: {} };
    assert.equal(await config.signer(scheme), await config.signer({ ...scheme }), 'one signer per auth scheme');
    assert.notEqual(await config.signer(scheme), await config.signer({ ...scheme, signingRegion: 'eu-west-1' }));
  } finally {
    clients.destroy();
    server.close();
  }
});
