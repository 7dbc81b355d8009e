import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { EstatePart } from '../estate';
import { blockPublicAccessForAccount, bucketName, createCompliantBucket, s3 } from '../s3-buckets';

/** Account-level Block Public Access, a log bucket, and a data bucket that logs to it. */
export const s3Reference: EstatePart = {
  domain: 's3',
  async provision(ctx) {
    await blockPublicAccessForAccount(ctx);
    const logs = bucketName(ctx, 'logs');
    const data = bucketName(ctx, 'data');
    await createCompliantBucket(ctx, logs, { receivesAccessLogs: true });
    await createCompliantBucket(ctx, data, { logTo: logs });
    await s3(ctx).send(new PutObjectCommand({ Bucket: data, Key: 'reports/2026-11.csv', Body: 'month,total\n2026-11,42\n' }));
    ctx.handles.set('s3.logBucket', logs);
    ctx.handles.set('s3.dataBucket', data);
  },
};
