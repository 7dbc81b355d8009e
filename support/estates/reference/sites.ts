import { CreateSnapshotCommand, CreateVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { createPrivateSite } from '../cloudfront-sites';
import type { EstatePart } from '../estate';
import { handle } from '../estate';
import { bucketName, createCompliantBucket } from '../s3-buckets';

export const PUBLIC_SITE_ALIAS = 'www.posture.example';
/** Listed in sites.privateSites of posture.config.yaml. */
export const PRIVATE_SITE_ALIAS = 'intranet.posture.example';

/** The article's way: two sites from private buckets through OAC, HTTPS only, TLSv1.2_2021, index.html; the intranet behind a Lambda@Edge viewer-request function. */
export const sitesReference: EstatePart = {
  domain: 'sites',
  async provision(ctx) {
    const site = bucketName(ctx, 'site');
    const intranet = bucketName(ctx, 'intranet');
    const [www, internal] = await Promise.all([
      createPrivateSite(ctx, site, { alias: PUBLIC_SITE_ALIAS }),
      createPrivateSite(ctx, intranet, { alias: PRIVATE_SITE_ALIAS, viewerRequestFunction: true }),
    ]);
    ctx.handles.set('sites.siteBucket', site);
    ctx.handles.set('sites.siteDistribution', www.id);
    ctx.handles.set('sites.siteDistributionArn', www.arn);
    ctx.handles.set('sites.intranetDistribution', internal.id);
    // Shared by presigned URL (s3.presignedSharingBuckets): private like every other bucket.
    const shared = bucketName(ctx, 'shared');
    await createCompliantBucket(ctx, shared, { logTo: handle(ctx, 's3.logBucket') });
    ctx.handles.set('s3.sharedBucket', shared);
  },
};

/** A private EBS snapshot: what the snapshot controls read (instances come from the network estate, on Amazon's AMIs). */
export const ec2Reference: EstatePart = {
  domain: 'ec2',
  async provision(ctx) {
    const ec2 = ctx.clients.client(EC2Client, ctx.account, ctx.home);
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${ctx.home}a`, Size: 8 }));
    const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId, Description: 'nightly backup' }));
    ctx.handles.set('ec2.volume', volume.VolumeId ?? '');
    ctx.handles.set('ec2.snapshot', snapshot.SnapshotId ?? '');
  },
};
