import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetBucketAclCommand, S3Client } from '@aws-sdk/client-s3';
import { ClientFactory } from '../../support/target/clients';
import { withFastProperties } from '../../support/target/fast-properties';

setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

const ACL = '<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy><Owner><ID>o</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>';

test('an object grown property by property gets its hidden class back: same object, same properties', () => {
  const grown: Record<string, number> = {};
  for (let index = 0; index < 70; index++) grown[`key${index}`] = index;
  const before = Object.entries(grown);
  assert.equal(hasFastProperties(grown), false, 'the premise: V8 holds it as a hash table');
  assert.equal(withFastProperties(grown), grown);
  assert.equal(hasFastProperties(grown), true);
  assert.deepEqual(Object.entries(grown), before);
});

test('the configs of the clients the factory makes keep fast properties, also after a call', async () => {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/xml' });
    response.end(ACL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clients = new ClientFactory(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'read-only');
  try {
    const account = { accountId: '111122223333', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, credentialKey: 'k' };
    const s3 = clients.client(S3Client, account, 'us-east-1');
    await s3.send(new GetBucketAclCommand({ Bucket: 'one' }));
    for (const client of [s3, clients.client(IAMClient, account, 'us-east-1'), clients.client(EC2Client, account, 'eu-west-1')]) {
      assert.equal(hasFastProperties((client as unknown as { config: object }).config), true, client.constructor.name);
    }
  } finally {
    clients.destroy();
    server.close();
  }
});
