import { CloudFrontClient, GetDistributionConfigCommand, paginateListDistributions, type CacheBehavior, type DefaultCacheBehavior } from '@aws-sdk/client-cloudfront';
import { mapBounded } from './cache';
import { attempt, collected, type Collected } from './collected';
import { allPages, type Collector } from './collector';
import type { CacheBehaviour, CloudFrontInventory, DistributionFacts, EdgeFunction } from './types/cloudfront';

const CONCURRENCY = 4;
/** CloudFront's API lives in us-east-1, whatever the audited regions. */
const CLOUDFRONT_REGION = 'us-east-1';

export const cloudfrontCollector: Collector<CloudFrontInventory> = {
  name: 'cloudfront',
  scope: 'account',
  async collect(ctx) {
    const client = ctx.clients.client(CloudFrontClient, ctx.account, CLOUDFRONT_REGION);
    const [summaries, s3] = await Promise.all([
      attempt('CloudFront ListDistributions', () =>
        allPages(paginateListDistributions({ client }, {}), (p) => p.DistributionList?.Items?.map((d) => ({ id: d.Id ?? '', arn: d.ARN ?? '', domainName: d.DomainName ?? '' }))),
      ),
      ctx.inventory('s3'),
    ]);
    if (summaries.kind !== 'collected') return { account: ctx.account.accountId, distributions: summaries, s3 };
    // The list's summaries vary by service version; the full configuration is read per distribution.
    const configs = await mapBounded(summaries.value, CONCURRENCY, (summary) =>
      attempt(`CloudFront GetDistributionConfig ${summary.id}`, async () => {
        const config = (await client.send(new GetDistributionConfigCommand({ Id: summary.id }))).DistributionConfig;
        const facts: DistributionFacts = {
          ...summary,
          aliases: config?.Aliases?.Items ?? [],
          enabled: config?.Enabled === true,
          defaultRootObject: config?.DefaultRootObject ?? '',
          origins: (config?.Origins?.Items ?? []).map((o) => ({
            id: o.Id ?? '',
            domainName: o.DomainName ?? '',
            originAccessControlId: o.OriginAccessControlId || undefined,
            originAccessIdentity: o.S3OriginConfig?.OriginAccessIdentity || undefined,
            s3OriginConfig: o.S3OriginConfig !== undefined,
          })),
          behaviours: [
            ...(config?.DefaultCacheBehavior ? [behaviour('default', config.DefaultCacheBehavior)] : []),
            ...(config?.CacheBehaviors?.Items ?? []).map((b) => behaviour(b.PathPattern ?? '', b)),
          ],
          viewerCertificate: {
            cloudFrontDefaultCertificate: config?.ViewerCertificate?.CloudFrontDefaultCertificate !== false,
            minimumProtocolVersion: config?.ViewerCertificate?.MinimumProtocolVersion,
            acmCertificateArn: config?.ViewerCertificate?.ACMCertificateArn || undefined,
          },
        };
        return facts;
      }),
    );
    const failed = configs.find((c) => c.kind !== 'collected');
    const distributions: Collected<DistributionFacts[]> = failed ? (failed as Collected<never>) : collected(configs.map((c) => (c as { value: DistributionFacts }).value));
    return { account: ctx.account.accountId, distributions, s3 };
  },
};

function behaviour(pathPattern: string, b: DefaultCacheBehavior | CacheBehavior): CacheBehaviour {
  const functions: EdgeFunction[] = [
    ...(b.LambdaFunctionAssociations?.Items ?? []).map((f) => ({ kind: 'lambda-edge' as const, eventType: f.EventType ?? '', arn: f.LambdaFunctionARN ?? '' })),
    ...(b.FunctionAssociations?.Items ?? []).map((f) => ({ kind: 'cloudfront-function' as const, eventType: f.EventType ?? '', arn: f.FunctionARN ?? '' })),
  ];
  return { pathPattern, targetOriginId: b.TargetOriginId ?? '', viewerProtocolPolicy: b.ViewerProtocolPolicy ?? 'allow-all', functions };
}
