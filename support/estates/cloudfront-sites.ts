import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateOriginAccessControlCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  type CacheBehavior,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { EstateContext } from './estate';
import { createCompliantBucket, denyInsecureTransportStatement, putBucketPolicy, s3 } from './s3-buckets';

/** CachingOptimized, the managed cache policy the console proposes. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
export const LAMBDA_EDGE_BASIC_AUTH = (account: string) => `arn:aws:lambda:us-east-1:${account}:function:basic-auth:1`;
const ACM_CERTIFICATE = (account: string) => `arn:aws:acm:us-east-1:${account}:certificate/3b1f6c0e-7d0a-4a51-9a8e-posture-site`;

export const cloudfront = (ctx: EstateContext) => ctx.clients.client(CloudFrontClient, ctx.account, 'us-east-1');

export interface SiteOptions {
  alias: string;
  /** 'oac' (the article's way), 'oai:<id>' (legacy) or 'none'. */
  access?: 'oac' | 'none' | `oai:${string}`;
  viewerProtocolPolicy?: 'redirect-to-https' | 'https-only' | 'allow-all';
  minimumProtocolVersion?: string;
  defaultRootObject?: string;
  /** Lambda@Edge viewer-request function on every behaviour (a private site). */
  viewerRequestFunction?: boolean;
}

function behaviour(originId: string, options: SiteOptions, account: string) {
  return {
    TargetOriginId: originId,
    ViewerProtocolPolicy: options.viewerProtocolPolicy ?? 'redirect-to-https',
    CachePolicyId: CACHING_OPTIMIZED,
    LambdaFunctionAssociations: options.viewerRequestFunction
      ? { Quantity: 1, Items: [{ EventType: 'viewer-request' as const, LambdaFunctionARN: LAMBDA_EDGE_BASIC_AUTH(account) }] }
      : { Quantity: 0 },
  };
}

/** A distribution in front of a bucket's REST endpoint, with a second behaviour for /assets/*. Returns its id and ARN. */
export async function createSiteDistribution(ctx: EstateContext, bucket: string, options: SiteOptions): Promise<{ id: string; arn: string }> {
  const client = cloudfront(ctx);
  const access = options.access ?? 'oac';
  const originAccessControlId =
    access === 'oac'
      ? (await client.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: { Name: `${options.alias}-${ctx.account.accountId}`, SigningBehavior: 'always', SigningProtocol: 'sigv4', OriginAccessControlOriginType: 's3' } }))).OriginAccessControl?.Id
      : undefined;
  const originId = `s3-${bucket}`;
  const { Distribution } = await client.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: `${options.alias}-${Date.now()}`,
        Comment: options.alias,
        Enabled: true,
        Aliases: { Quantity: 1, Items: [options.alias] },
        DefaultRootObject: options.defaultRootObject ?? 'index.html',
        Origins: {
          Quantity: 1,
          Items: [{ Id: originId, DomainName: `${bucket}.s3.${ctx.home}.amazonaws.com`, OriginAccessControlId: originAccessControlId, S3OriginConfig: { OriginAccessIdentity: access.startsWith('oai:') ? `origin-access-identity/cloudfront/${access.slice(4)}` : '' } }],
        },
        DefaultCacheBehavior: behaviour(originId, options, ctx.account.accountId),
        CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/assets/*', ...behaviour(originId, options, ctx.account.accountId) }] },
        ViewerCertificate: { CloudFrontDefaultCertificate: false, ACMCertificateArn: ACM_CERTIFICATE(ctx.account.accountId), SSLSupportMethod: 'sni-only', MinimumProtocolVersion: (options.minimumProtocolVersion ?? 'TLSv1.2_2021') as 'TLSv1.2_2021' },
      },
    }),
  );
  return { id: Distribution?.Id ?? '', arn: Distribution?.ARN ?? '' };
}

/** The statement that lets only this distribution read (OAC), as the console's "Copy policy" writes it. */
export function cloudFrontReadStatement(bucket: string, distributionArn: string) {
  return {
    Sid: 'AllowCloudFrontServicePrincipalReadOnly',
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
  };
}

/** The article's set-up: a private bucket (every S3 control holds) read only by its distribution through OAC. */
export async function createPrivateSite(ctx: EstateContext, bucket: string, options: SiteOptions): Promise<{ id: string; arn: string }> {
  await createCompliantBucket(ctx, bucket, { logTo: ctx.handles.get('s3.logBucket') });
  await s3(ctx).send(new PutObjectCommand({ Bucket: bucket, Key: 'index.html', Body: '<h1>posture</h1>', ContentType: 'text/html' }));
  const distribution = await createSiteDistribution(ctx, bucket, options);
  await putBucketPolicy(ctx, bucket, [denyInsecureTransportStatement(bucket), cloudFrontReadStatement(bucket, distribution.arn)]);
  return distribution;
}

/** Change a distribution's configuration as the console does: read it with its ETag, update with IfMatch. */
export async function updateDistribution(ctx: EstateContext, id: string, change: (config: DistributionConfig) => void): Promise<void> {
  const client = cloudfront(ctx);
  const { DistributionConfig: config, ETag } = await client.send(new GetDistributionConfigCommand({ Id: id }));
  if (!config) throw new Error(`distribution ${id} has no configuration`);
  change(config);
  await client.send(new UpdateDistributionCommand({ Id: id, IfMatch: ETag, DistributionConfig: config }));
}

export const everyBehaviour = (config: DistributionConfig): (CacheBehavior | NonNullable<DistributionConfig['DefaultCacheBehavior']>)[] => [
  ...(config.DefaultCacheBehavior ? [config.DefaultCacheBehavior] : []),
  ...(config.CacheBehaviors?.Items ?? []),
];
