import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetBucketAclCommand, GetBucketPolicyCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { COUNT_CALLS_ENV, EmulatorCalls } from '../../support/bench/emulator-calls';
import { EMULATOR_BASE_CREDENTIALS } from '../../support/target/accounts';
import { startEmulator, type RunningEmulator } from '../../support/target/emulator';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator({ env: { [COUNT_CALLS_ENV]: '1' } });
});
after(() => emulator?.stop());

test('the emulator counts each call by service and operation, and resets', async () => {
  const config = { endpoint: emulator.endpoint, region: 'us-east-1', credentials: EMULATOR_BASE_CREDENTIALS };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'counted' }));
  const calls = new EmulatorCalls(emulator.endpoint);
  await calls.reset();
  await s3.send(new GetBucketAclCommand({ Bucket: 'counted' }));
  await s3.send(new GetBucketAclCommand({ Bucket: 'counted' }));
  await s3.send(new GetBucketPolicyCommand({ Bucket: 'counted' })).catch(() => undefined); // NoSuchBucketPolicy: still a call
  await s3.send(new ListObjectsV2Command({ Bucket: 'counted' }));
  await new IAMClient(config).send(new GetAccountSummaryCommand({})); // query protocol: Action in the form body
  await new EC2Client(config).send(new DescribeVpcsCommand({}));
  const { counts, millis } = await calls.snapshot();
  assert.deepEqual(counts, { 's3 GetBucketAcl': 2, 's3 GetBucketPolicy': 1, 's3 ListObjectsV2': 1, 'iam GetAccountSummary': 1, 'ec2 DescribeVpcs': 1 });
  assert.deepEqual(Object.keys(millis).sort(), Object.keys(counts).sort());
  await calls.reset();
  assert.deepEqual((await calls.snapshot()).counts, {});
});

test('an emulator started without counting says so', async () => {
  const plain = await startEmulator();
  try {
    await assert.rejects(new EmulatorCalls(plain.endpoint).snapshot(), /does not count calls/);
  } finally {
    await plain.stop();
  }
});
