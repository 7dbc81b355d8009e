import {
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  EC2Client,
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  paginateDescribeImages,
  paginateDescribeSnapshots,
  type Image,
} from '@aws-sdk/client-ec2';
import { mapBounded } from './cache';
import { attempt, collected, type Collected } from './collected';
import { allPages, type CollectContext, type Collector } from './collector';
import type { ImagesInventory, LaunchImage, LaunchedInstance, OwnSnapshot } from './types/images';

const CONCURRENCY = 6;
const IMAGE_BATCH = 100;

/** AMIs behind the instances (from the `instances` collector), the account's own AMIs and snapshots, and the account-level sharing blocks. */
export const imagesCollector: Collector<ImagesInventory> = {
  name: 'images',
  scope: 'region',
  async collect(ctx) {
    const ec2 = ctx.clients.client(EC2Client, ctx.account, ctx.region);
    const account = ctx.account.accountId;
    const read = <T>(what: string, fn: () => Promise<T>) => attempt(`EC2 ${what} (${ctx.region})`, fn);
    const sdkInstances = await ctx.inventory('instances');
    const instances: Collected<LaunchedInstance[]> =
      sdkInstances.kind === 'collected'
        ? collected(sdkInstances.value.map((i) => ({ instanceId: i.InstanceId ?? '', arn: `arn:aws:ec2:${ctx.region}:${account}:instance/${i.InstanceId}`, state: i.State?.Name ?? 'unknown', imageId: i.ImageId ?? '' })))
        : sdkInstances;
    const [launchImages, ownImages, ownSnapshots, imageBlockPublicAccess, snapshotBlockPublicAccess] = await Promise.all([
      instances.kind === 'collected' ? readLaunchImages(ctx, ec2, [...new Set(instances.value.map((i) => i.imageId).filter(Boolean))]) : Promise.resolve(instances as Collected<never>),
      read('DescribeImages Owners=self', () =>
        allPages(paginateDescribeImages({ client: ec2 }, { Owners: ['self'] }), (p) =>
          p.Images?.filter((i) => i.OwnerId === account).map((i) => ({ imageId: i.ImageId ?? '', arn: `arn:aws:ec2:${ctx.region}::image/${i.ImageId}`, name: i.Name, public: i.Public === true })),
        ),
      ),
      readOwnSnapshots(ctx, ec2),
      read('GetImageBlockPublicAccessState', async () => (await ec2.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState ?? 'unknown'),
      read('GetSnapshotBlockPublicAccessState', async () => (await ec2.send(new GetSnapshotBlockPublicAccessStateCommand({}))).State ?? 'unknown'),
    ]);
    return { account, region: ctx.region, instances, launchImages, ownImages, ownSnapshots, imageBlockPublicAccess, snapshotBlockPublicAccess };
  },
};

const toLaunchImage = (i: Image): LaunchImage => ({ imageId: i.ImageId ?? '', ownerId: i.OwnerId, ownerAlias: i.ImageOwnerAlias, name: i.Name, public: i.Public });

/** DescribeImages by id, in batches; a batch naming an AMI that no longer exists is retried id by id (NotFound = null). */
async function readLaunchImages(ctx: CollectContext, ec2: EC2Client, ids: string[]): Promise<Collected<Record<string, LaunchImage | null>>> {
  const found: Record<string, LaunchImage | null> = {};
  const batches = Array.from({ length: Math.ceil(ids.length / IMAGE_BATCH) }, (_, i) => ids.slice(i * IMAGE_BATCH, (i + 1) * IMAGE_BATCH));
  for (const batch of batches) {
    const images = await attempt(`EC2 DescribeImages (${ctx.region})`, async () => (await ec2.send(new DescribeImagesCommand({ ImageIds: batch }))).Images ?? [], {
      absent: ['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'],
      whenAbsent: undefined,
    });
    if (images.kind !== 'collected') return images;
    if (images.value) {
      for (const image of images.value) found[image.ImageId ?? ''] = toLaunchImage(image);
      for (const id of batch) found[id] ??= null;
      continue;
    }
    const single = await mapBounded(batch, CONCURRENCY, (ImageId) =>
      attempt(`EC2 DescribeImages ${ImageId} (${ctx.region})`, async () => (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId] }))).Images?.[0] ?? null, {
        absent: ['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'],
        whenAbsent: null,
      }),
    );
    for (const [index, image] of single.entries()) {
      if (image.kind !== 'collected') return image;
      found[batch[index]] = image.value ? toLaunchImage(image.value) : null;
    }
  }
  return collected(found);
}

/** The account's own snapshots (OwnerIds self; the owner is checked again) and who may create volumes from each. */
async function readOwnSnapshots(ctx: CollectContext, ec2: EC2Client): Promise<Collected<OwnSnapshot[]>> {
  const account = ctx.account.accountId;
  const ids = await attempt(`EC2 DescribeSnapshots OwnerIds=self (${ctx.region})`, () =>
    allPages(paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'] }), (p) => p.Snapshots?.filter((s) => s.OwnerId === account).map((s) => s.SnapshotId ?? '')),
  );
  if (ids.kind !== 'collected') return ids;
  return collected(
    await mapBounded(ids.value, CONCURRENCY, async (SnapshotId) => ({
      snapshotId: SnapshotId,
      arn: `arn:aws:ec2:${ctx.region}::snapshot/${SnapshotId}`,
      createVolumePermission: await attempt(`EC2 DescribeSnapshotAttribute ${SnapshotId} (${ctx.region})`, async () => {
        const permissions = (await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: 'createVolumePermission' }))).CreateVolumePermissions ?? [];
        return { groups: permissions.flatMap((p) => (p.Group ? [p.Group] : [])), userIds: permissions.flatMap((p) => (p.UserId ? [p.UserId] : [])) };
      }),
    })),
  );
}
