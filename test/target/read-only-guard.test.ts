import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { CreateBucketCommand, ListBucketsCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { AuthorizeSecurityGroupIngressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EMULATOR_BASE_CREDENTIALS } from '../../support/target/accounts';
import { ClientFactory, ProvisioningRefused } from '../../support/target/clients';
import { isReadCommand, ReadOnlyViolation } from '../../support/target/read-only-guard';
import { LocalStackClientFactory } from '../../support/target/localstack';
import { proxyReadExceptions } from '../../support/proxy/run-command';
import { SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';

/** A local endpoint that counts every request that reaches it. */
let requests: string[] = [];
let endpoint = '';
const server = createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end('<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>');
});
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const account = { accountId: '123456789012', credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'test' };

test('a write through an audit client is rejected before anything leaves the process', async () => {
  requests = [];
  const reads = new ClientFactory(endpoint, 'read-only');
  const s3 = reads.client(S3Client, account, 'us-east-1');
  await assert.rejects(s3.send(new CreateBucketCommand({ Bucket: 'nope' })), ReadOnlyViolation);
  await assert.rejects(s3.send(new PutBucketPolicyCommand({ Bucket: 'nope', Policy: '{}' })), ReadOnlyViolation);
  const ec2 = reads.client(EC2Client, account, 'us-east-1');
  await assert.rejects(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-1' })), /not a read/);
  assert.deepEqual(requests, [], 'no request may reach the endpoint');
  await s3.send(new ListBucketsCommand({}));
  assert.equal(requests.length, 1, 'reads do go through');
});

test('every read factory the audit builds (LocalStack, with the Run Command exception) refuses writes', async () => {
  const factories: [string, () => ClientFactory][] = [
    ['LocalStack', () => new LocalStackClientFactory(endpoint, new Map([['organizations', 'not here']]))],
    ['Run Command exception', () => new ClientFactory(endpoint, 'read-only', proxyReadExceptions({ kind: 'ssm-run-command', path: '/etc/squid/squid.conf' }))],
  ];
  for (const [name, make] of factories) {
    requests = [];
    const reads = make();
    await assert.rejects(reads.client(S3Client, account, 'us-east-1').send(new CreateBucketCommand({ Bucket: 'nope' })), ReadOnlyViolation, name);
    const ssm = reads.client(SSMClient, account, 'us-east-1');
    const other = { DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-1'], Parameters: { commands: ['rm -rf /'] } };
    await assert.rejects(ssm.send(new SendCommandCommand(other)), ReadOnlyViolation, name);
    assert.deepEqual(requests, [], `${name}: no request may reach the endpoint`);
    reads.destroy();
  }
});

test('the allow-list names reads only', () => {
  for (const read of ['ListBuckets', 'GetBucketPolicy', 'DescribeSecurityGroups', 'HeadObject', 'GenerateCredentialReport', 'AssumeRole']) assert.ok(isReadCommand(read), read);
  for (const write of ['CreateBucket', 'PutBucketPolicy', 'DeleteTrail', 'StopLogging', 'AuthorizeSecurityGroupIngress', 'Getaway', 'UpdateAccountPasswordPolicy', 'SendCommand']) assert.ok(!isReadCommand(write), write);
});

test('estates refuse to provision anything but a loopback endpoint', () => {
  assert.throws(() => new ClientFactory('https://s3.amazonaws.com', 'provisioning'), ProvisioningRefused);
  assert.throws(() => new ClientFactory(undefined, 'provisioning'), /live AWS credential chain/);
  assert.throws(() => new ClientFactory('http://10.0.0.5:5000', 'provisioning'), ProvisioningRefused);
  assert.doesNotThrow(() => new ClientFactory('http://127.0.0.1:5000', 'provisioning'));
  assert.doesNotThrow(() => new ClientFactory('http://localhost:4566', 'provisioning'));
});
