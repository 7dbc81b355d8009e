import { DeleteBucketEncryptionCommand, DeleteBucketPolicyCommand, PutObjectCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { DeletePublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { type Drift, atHandle, breaks, handle, named } from '../estate';
import { accessLogDeliveryStatement, blockPublicAccessForAccount, denyInsecureTransportStatement, logAccessTo, putBucketPolicy, s3 } from '../s3-buckets';

export const s3Drifts: Drift[] = [
  {
    name: 's3-account-block-public-access-removed',
    domain: 's3',
    description: 'The account-level Block Public Access configuration is deleted (buckets keep theirs).',
    breaks: [breaks('s3.account-block-public-access', named(':account'))],
    async apply(ctx) {
      await ctx.clients.client(S3ControlClient, ctx.account, ctx.home).send(new DeletePublicAccessBlockCommand({ AccountId: ctx.account.accountId }));
    },
  },
  {
    name: 's3-restrict-public-buckets-off',
    domain: 's3',
    description: 'RestrictPublicBuckets is turned off at the account and on the data bucket, so it is in effect nowhere.',
    // The effective setting is account OR bucket: a bucket can only lose a flag when the account lacks it too.
    breaks: [breaks('s3.account-block-public-access', named(':account')), breaks('s3.bucket-block-public-access', atHandle('s3.dataBucket'))],
    async apply(ctx) {
      const partial = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false };
      await blockPublicAccessForAccount(ctx, partial);
      await s3(ctx).send(new PutPublicAccessBlockCommand({ Bucket: handle(ctx, 's3.dataBucket'), PublicAccessBlockConfiguration: partial }));
    },
  },
  {
    name: 's3-public-bucket-policy',
    domain: 's3',
    description: 'The data bucket policy gains an Allow for Principal "*" on s3:GetObject with no condition.',
    breaks: [breaks('s3.bucket-policy-not-public', atHandle('s3.dataBucket'))],
    async apply(ctx) {
      const bucket = handle(ctx, 's3.dataBucket');
      await putBucketPolicy(ctx, bucket, [
        denyInsecureTransportStatement(bucket),
        { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
      ]);
    },
  },
  {
    name: 's3-public-object-acl',
    domain: 's3',
    description: 'An object is written with a public-read ACL, as s3fs with default_acl=public-read does.',
    breaks: [breaks('s3.no-public-acls', atHandle('s3.dataBucket'))],
    async apply(ctx) {
      await s3(ctx).send(new PutObjectCommand({ Bucket: handle(ctx, 's3.dataBucket'), Key: 'shared/from-s3fs.txt', Body: 'public', ACL: 'public-read' }));
    },
  },
  {
    name: 's3-presigned-bucket-public-object',
    domain: 's3',
    description: 'An object in the bucket shared by presigned URL is written with a public-read ACL.',
    breaks: [breaks('s3.presigned-sharing-private', atHandle('s3.sharedBucket')), breaks('s3.no-public-acls', atHandle('s3.sharedBucket'))],
    async apply(ctx) {
      await s3(ctx).send(new PutObjectCommand({ Bucket: handle(ctx, 's3.sharedBucket'), Key: 'reports/q3.pdf', Body: 'quarterly', ACL: 'public-read' }));
    },
  },
  {
    name: 's3-plain-http-allowed',
    domain: 's3',
    description: 'The data bucket policy (and with it the Deny on aws:SecureTransport false) is deleted.',
    breaks: [breaks('s3.deny-insecure-transport', atHandle('s3.dataBucket'))],
    async apply(ctx) {
      await s3(ctx).send(new DeleteBucketPolicyCommand({ Bucket: handle(ctx, 's3.dataBucket') }));
    },
  },
  {
    name: 's3-default-encryption-removed',
    domain: 's3',
    description: 'The data bucket loses its default encryption configuration.',
    breaks: [breaks('s3.default-encryption', atHandle('s3.dataBucket'))],
    async apply(ctx) {
      await s3(ctx).send(new DeleteBucketEncryptionCommand({ Bucket: handle(ctx, 's3.dataBucket') }));
    },
  },
  {
    name: 's3-access-logs-into-itself',
    domain: 's3',
    description: 'The data bucket delivers its server access logs into itself.',
    breaks: [breaks('s3.access-logging', atHandle('s3.dataBucket'))],
    async apply(ctx) {
      const bucket = handle(ctx, 's3.dataBucket');
      await putBucketPolicy(ctx, bucket, [accessLogDeliveryStatement(ctx, bucket), denyInsecureTransportStatement(bucket)]);
      await logAccessTo(ctx, bucket, bucket);
    },
  },
];
