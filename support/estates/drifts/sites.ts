import { PutBucketWebsiteCommand } from '@aws-sdk/client-s3';
import { createSiteDistribution, everyBehaviour, updateDistribution } from '../cloudfront-sites';
import { type Drift, atHandle, breaks, handle, named } from '../estate';
import { bucketName, createCompliantBucket, denyInsecureTransportStatement, putBucketPolicy, s3 } from '../s3-buckets';


const OAI_ID = 'E2QWRUHAPOMQZL';

export const sitesDrifts: Drift[] = [
  {
    name: 'sites-origin-without-oac',
    domain: 'sites',
    description: 'A second distribution reads the site bucket with no origin access at all (no OAC, no OAI).',
    breaks: [breaks('sites.s3-origin-access-control', named('cdn.posture.example'))],
    touches: ['sites.siteBucket'],
    async apply(ctx) {
      await createSiteDistribution(ctx, handle(ctx, 'sites.siteBucket'), { alias: 'cdn.posture.example', access: 'none' });
    },
  },
  {
    name: 'sites-legacy-oai',
    domain: 'sites',
    description: 'A site reads its bucket through a legacy origin access identity, which the bucket policy grants.',
    breaks: [breaks('sites.no-legacy-origin-access-identity', named('legacy.posture.example'))],
    uses: ['s3.logBucket'],
    async apply(ctx) {
      const bucket = bucketName(ctx, 'legacy-site');
      await createCompliantBucket(ctx, bucket, { logTo: handle(ctx, 's3.logBucket') });
      await createSiteDistribution(ctx, bucket, { alias: 'legacy.posture.example', access: `oai:${OAI_ID}` });
      await putBucketPolicy(ctx, bucket, [
        denyInsecureTransportStatement(bucket),
        { Sid: 'AllowLegacyOai', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${OAI_ID}` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
      ]);
    },
  },
  {
    name: 'sites-any-distribution-reads-bucket',
    domain: 'sites',
    description: 'The site bucket policy lets cloudfront.amazonaws.com read with no AWS:SourceArn: any distribution of any account could.',
    breaks: [breaks('sites.origin-bucket-private', atHandle('sites.siteBucket'))],
    async apply(ctx) {
      const bucket = handle(ctx, 'sites.siteBucket');
      await putBucketPolicy(ctx, bucket, [
        denyInsecureTransportStatement(bucket),
        { Sid: 'AllowCloudFront', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
      ]);
    },
  },
  {
    name: 'sites-http-allowed',
    domain: 'sites',
    description: "The public site's /assets/* behaviour serves plain HTTP (viewer protocol policy allow-all).",
    breaks: [breaks('sites.viewer-https', atHandle('sites.siteDistribution'))],
    async apply(ctx) {
      await updateDistribution(ctx, handle(ctx, 'sites.siteDistribution'), (config) => {
        const assets = config.CacheBehaviors?.Items?.[0];
        if (assets) assets.ViewerProtocolPolicy = 'allow-all';
      });
    },
  },
  {
    name: 'sites-weak-tls',
    domain: 'sites',
    description: 'The public site accepts TLSv1 viewers (MinimumProtocolVersion TLSv1).',
    breaks: [breaks('sites.minimum-tls', atHandle('sites.siteDistribution'))],
    async apply(ctx) {
      await updateDistribution(ctx, handle(ctx, 'sites.siteDistribution'), (config) => {
        if (config.ViewerCertificate) config.ViewerCertificate.MinimumProtocolVersion = 'TLSv1';
      });
    },
  },
  {
    name: 'sites-no-default-root-object',
    domain: 'sites',
    description: 'The public site loses its default root object.',
    breaks: [breaks('sites.default-root-object', atHandle('sites.siteDistribution'))],
    async apply(ctx) {
      await updateDistribution(ctx, handle(ctx, 'sites.siteDistribution'), (config) => {
        config.DefaultRootObject = '';
      });
    },
  },
  {
    name: 'sites-private-site-without-viewer-function',
    domain: 'sites',
    description: "The intranet's /assets/* behaviour loses its Lambda@Edge viewer-request function.",
    breaks: [breaks('sites.private-site-viewer-function', atHandle('sites.intranetDistribution'))],
    async apply(ctx) {
      await updateDistribution(ctx, handle(ctx, 'sites.intranetDistribution'), (config) => {
        const assets = everyBehaviour(config)[1];
        if (assets) assets.LambdaFunctionAssociations = { Quantity: 0, Items: [] };
      });
    },
  },
  {
    name: 'sites-public-website-bucket',
    domain: 'sites',
    description: 'A bucket hosts a static website with a public-read policy and no distribution in front (as the S3 website tutorials do).',
    breaks: [breaks('sites.website-bucket-behind-distribution', named('posture-www-')), breaks('s3.bucket-policy-not-public', named('posture-www-'))],
    uses: ['s3.logBucket'],
    async apply(ctx) {
      const bucket = bucketName(ctx, 'www');
      await createCompliantBucket(ctx, bucket, {
        logTo: handle(ctx, 's3.logBucket'),
        extraStatements: [{ Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
      });
      await s3(ctx).send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
    },
  },
];
