import { CreateBucketCommand, PutBucketWebsiteCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { EstatePart } from '../estate';
import { accessLogDeliveryStatement, bucketName, logAccessTo, putBucketPolicy, s3 } from '../s3-buckets';

export const WEBSITE_BUCKET = 'www.example.com';

/**
 * As the tutorials leave it: a static website bucket with a public-read policy and website hosting on;
 * a bucket written through s3fs with default_acl=public-read; no Block Public Access anywhere; access
 * logs delivered to a separate *-logs bucket.
 */
export const s3Demo: EstatePart = {
  domain: 's3',
  async provision(ctx) {
    const client = s3(ctx);
    const websiteLogs = `${WEBSITE_BUCKET}-logs`;
    for (const Bucket of [WEBSITE_BUCKET, websiteLogs]) await client.send(new CreateBucketCommand({ Bucket }));
    await client.send(new PutBucketWebsiteCommand({ Bucket: WEBSITE_BUCKET, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }));
    await putBucketPolicy(ctx, WEBSITE_BUCKET, [
      { Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${WEBSITE_BUCKET}/*` },
    ]);
    await client.send(new PutObjectCommand({ Bucket: WEBSITE_BUCKET, Key: 'index.html', Body: '<h1>Hello</h1>', ContentType: 'text/html' }));
    await putBucketPolicy(ctx, websiteLogs, [accessLogDeliveryStatement(ctx, websiteLogs)]);
    await logAccessTo(ctx, WEBSITE_BUCKET, websiteLogs);

    const share = bucketName(ctx, 's3fs-share');
    await client.send(new CreateBucketCommand({ Bucket: share }));
    // s3fs -o default_acl=public-read: every object it writes carries a public-read ACL
    await client.send(new PutObjectCommand({ Bucket: share, Key: 'shared/notes.txt', Body: 'written through s3fs', ACL: 'public-read' }));
  },
};
