import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import type { EstatePart } from '../estate';
import { cloudTrailDeliveryStatements } from '../reference/logging';
import { bucketName, createBucket, putBucketPolicy } from '../s3-buckets';

/**
 * As the console's quick-start leaves it: one trail in this account only, in one region, log files with
 * the default SSE-S3 encryption and no validation, a bucket with nothing but CloudTrail's delivery
 * statements; AWS Config never set up.
 */
export const loggingDemo: EstatePart = {
  domain: 'logging',
  async provision(ctx) {
    const trail = 'management-events';
    const bucket = bucketName(ctx, 'cloudtrail-demo');
    await createBucket(ctx, bucket);
    await putBucketPolicy(ctx, bucket, cloudTrailDeliveryStatements(ctx, bucket, trail));
    const cloudtrail = ctx.clients.client(CloudTrailClient, ctx.account, ctx.home);
    await cloudtrail.send(new CreateTrailCommand({ Name: trail, S3BucketName: bucket, IncludeGlobalServiceEvents: true }));
    await cloudtrail.send(new StartLoggingCommand({ Name: trail }));
  },
};
