import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import type { EstateContext } from './estate';

export const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export function s3(ctx: EstateContext, region = ctx.home): S3Client {
  return ctx.clients.client(S3Client, ctx.account, region);
}

export async function blockPublicAccessForAccount(ctx: EstateContext, settings = ALL_BLOCKED): Promise<void> {
  await ctx.clients
    .client(S3ControlClient, ctx.account, ctx.home)
    .send(new PutAccountPublicAccessBlockCommand({ AccountId: ctx.account.accountId, PublicAccessBlockConfiguration: settings }));
}

export async function createBucket(ctx: EstateContext, Bucket: string, region = ctx.home): Promise<void> {
  const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
  await s3(ctx, region).send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: configuration }));
}

/** The statement every compliant bucket carries (CIS 2.1.1). */
export function denyInsecureTransportStatement(bucket: string) {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Lets S3 server access logging write into a log bucket (moto checks for it, as AWS does). */
export function accessLogDeliveryStatement(ctx: EstateContext, bucket: string) {
  return {
    Sid: 'S3ServerAccessLogsPolicy',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: ['s3:PutObject'],
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: { StringEquals: { 'aws:SourceAccount': ctx.account.accountId } },
  };
}

export async function putBucketPolicy(ctx: EstateContext, bucket: string, statements: object[]): Promise<void> {
  await s3(ctx).send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
}

/**
 * A bucket that satisfies every S3 control: Block Public Access, SSE, versioning, HTTPS-only policy and
 * access logs to `logTo` (a log bucket sets `receivesAccessLogs` instead). Other domains build their buckets with this.
 */
export async function createCompliantBucket(
  ctx: EstateContext,
  bucket: string,
  options: { logTo?: string; receivesAccessLogs?: boolean; extraStatements?: object[]; kmsKeyId?: string } = {},
): Promise<void> {
  await createBucket(ctx, bucket);
  const client = s3(ctx);
  await client.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }));
  await client.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: options.kmsKeyId ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: options.kmsKeyId } : { SSEAlgorithm: 'AES256' } }],
      },
    }),
  );
  await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  // The log-delivery grant goes first: the emulator stops reading statements at the first non-service principal.
  const delivery = options.receivesAccessLogs ? [accessLogDeliveryStatement(ctx, bucket)] : [];
  await putBucketPolicy(ctx, bucket, [...delivery, denyInsecureTransportStatement(bucket), ...(options.extraStatements ?? [])]);
  if (options.logTo) await logAccessTo(ctx, bucket, options.logTo);
}

export async function logAccessTo(ctx: EstateContext, bucket: string, target: string): Promise<void> {
  await s3(ctx).send(new PutBucketLoggingCommand({ Bucket: bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: target, TargetPrefix: `${bucket}/` } } }));
}

/** Bucket names are global: the account id keeps estates in different emulated accounts apart. */
export function bucketName(ctx: EstateContext, purpose: string): string {
  return `posture-${purpose}-${ctx.account.accountId}`;
}
