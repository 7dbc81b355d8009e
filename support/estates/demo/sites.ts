import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPrivateSite, createSiteDistribution } from '../cloudfront-sites';
import type { EstatePart } from '../estate';
import { bucketName, putBucketPolicy, s3 } from '../s3-buckets';
import { PRIVATE_SITE_ALIAS, PUBLIC_SITE_ALIAS } from '../reference/sites';

/**
 * One site done the article's way (private bucket, OAC, HTTPS, TLSv1.2_2021, index.html), and the
 * intranet (a private site in the posture config) with the usual mistakes: a public bucket read
 * without origin access, HTTP allowed, TLSv1, no default root object and no viewer-request function.
 * The www.example.com website bucket of the S3 demo stays without a distribution.
 */
export const sitesDemo: EstatePart = {
  domain: 'sites',
  async provision(ctx) {
    await createPrivateSite(ctx, bucketName(ctx, 'site'), { alias: PUBLIC_SITE_ALIAS });
    const intranet = bucketName(ctx, 'intranet');
    await s3(ctx).send(new CreateBucketCommand({ Bucket: intranet }));
    await s3(ctx).send(new PutObjectCommand({ Bucket: intranet, Key: 'index.html', Body: '<h1>intranet</h1>', ContentType: 'text/html' }));
    await putBucketPolicy(ctx, intranet, [{ Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${intranet}/*` }]);
    await createSiteDistribution(ctx, intranet, { alias: PRIVATE_SITE_ALIAS, access: 'none', viewerProtocolPolicy: 'allow-all', minimumProtocolVersion: 'TLSv1', defaultRootObject: '' });
  },
};
