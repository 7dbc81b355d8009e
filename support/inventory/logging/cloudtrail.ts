import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, type GetEventSelectorsCommandOutput, type Trail } from '@aws-sdk/client-cloudtrail';
import { GetBucketVersioningCommand, GetObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { mapBounded } from '../cache';
import { attempt, collected, type Collected } from '../collected';
import type { CollectContext } from '../collector';
import type { EventSelectorFacts, ObjectLockFacts, TrailBucketFacts, TrailFacts } from '../types/logging';
import { describeKey } from './kms';

const TRAIL_CONCURRENCY = 4;

/**
 * Every trail this region sees, shadow trails included (a multi-region or organization trail shows up in
 * every region and, on AWS, in every member account). Details (selectors, key, bucket) are read once, in
 * the trail's home region.
 */
export async function collectTrails(ctx: CollectContext): Promise<Collected<TrailFacts[]>> {
  const cloudtrail = ctx.clients.client(CloudTrailClient, ctx.account, ctx.region);
  const listed = await attempt(`CloudTrail DescribeTrails (${ctx.region})`, async () => (await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? []);
  if (listed.kind !== 'collected') return listed;
  return collected(await mapBounded(listed.value, TRAIL_CONCURRENCY, (trail) => trailFacts(ctx, cloudtrail, trail)));
}

async function trailFacts(ctx: CollectContext, cloudtrail: CloudTrailClient, trail: Trail): Promise<TrailFacts> {
  const arn = trail.TrailARN ?? '';
  const homeRegion = trail.HomeRegion ?? arn.split(':')[3] ?? ctx.region;
  const owner = arn.split(':')[4] ?? 'unknown';
  // Details belong to the owner's audit: a member sees the organization trail but does not own its key or bucket.
  const isHome = homeRegion === ctx.region && owner === ctx.account.accountId;
  const status = await attempt(`CloudTrail GetTrailStatus ${arn}`, async () => {
    const s = await cloudtrail.send(new GetTrailStatusCommand({ Name: arn }));
    return { isLogging: s.IsLogging === true, latestDeliveryError: s.LatestDeliveryError || null };
  });
  return {
    name: trail.Name ?? arn,
    arn,
    homeRegion,
    owner,
    isOrganizationTrail: trail.IsOrganizationTrail === true,
    isMultiRegion: trail.IsMultiRegionTrail === true,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
    logFileValidation: trail.LogFileValidationEnabled === true,
    // UpdateTrail with an empty KmsKeyId removes the key; treat "" as no key.
    kmsKeyId: trail.KmsKeyId || null,
    s3BucketName: trail.S3BucketName || null,
    status,
    home: isHome ? await homeDetails(ctx, cloudtrail, trail, arn, homeRegion) : null,
  };
}

async function homeDetails(ctx: CollectContext, cloudtrail: CloudTrailClient, trail: Trail, arn: string, homeRegion: string): Promise<NonNullable<TrailFacts['home']>> {
  const [eventSelectors, key, bucket] = await Promise.all([
    attempt(`CloudTrail GetEventSelectors ${arn}`, async () => toEventSelectors(await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: arn })))),
    trail.KmsKeyId ? describeKey(ctx, trail.KmsKeyId, homeRegion) : Promise.resolve(collected(null)),
    trail.S3BucketName ? trailBucket(ctx, trail.S3BucketName) : Promise.resolve(collected(null)),
  ]);
  return { eventSelectors, key, bucket };
}

function toEventSelectors(response: GetEventSelectorsCommandOutput): EventSelectorFacts {
  const advanced = response.AdvancedEventSelectors ?? [];
  return {
    classic: (response.EventSelectors ?? []).map((s) => ({ readWriteType: s.ReadWriteType ?? 'All', includeManagementEvents: s.IncludeManagementEvents !== false })),
    advancedManagement: advanced.some((s) => (s.FieldSelectors ?? []).some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management'))),
    advancedCount: advanced.length,
    data: {
      classic: (response.EventSelectors ?? []).map((s) => ({ readWriteType: s.ReadWriteType ?? 'All', dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: d.Values ?? [] })) })),
      advanced: advanced.map((s) => ({
        name: s.Name ?? null,
        fields: (s.FieldSelectors ?? []).map((f) => ({ field: f.Field ?? '', equals: f.Equals, startsWith: f.StartsWith, endsWith: f.EndsWith, notEquals: f.NotEquals, notStartsWith: f.NotStartsWith, notEndsWith: f.NotEndsWith })),
      })),
    },
  };
}

/** The trail bucket: S3's facts from the S3 inventory (read once per run) plus its Object Lock configuration. */
async function trailBucket(ctx: CollectContext, name: string): Promise<Collected<TrailBucketFacts>> {
  const s3Inventory = await ctx.inventory('s3');
  if (s3Inventory.buckets.kind !== 'collected') return s3Inventory.buckets;
  const facts = s3Inventory.buckets.value.find((b) => b.name === name) ?? null;
  if (!facts) return collected({ name, facts: null, accountPublicAccessBlock: s3Inventory.accountPublicAccessBlock, objectLock: collected(null) });
  const region = facts.region.kind === 'collected' ? facts.region.value : ctx.region;
  const s3 = ctx.clients.client(S3Client, ctx.account, region);
  // Versioning decides only the trail bucket's retention, so it is read here for this bucket alone.
  const versioning = attempt(`${name}: GetBucketVersioning`, async () => {
    const v = await s3.send(new GetBucketVersioningCommand({ Bucket: name }));
    return { status: v.Status ?? null, mfaDelete: v.MFADelete ?? null };
  });
  const objectLock = await attempt(
    `${name}: GetObjectLockConfiguration`,
    async (): Promise<ObjectLockFacts> => {
      const c = (await s3.send(new GetObjectLockConfigurationCommand({ Bucket: name }))).ObjectLockConfiguration;
      const retention = c?.Rule?.DefaultRetention;
      return { enabled: c?.ObjectLockEnabled === 'Enabled', mode: retention?.Mode ?? null, days: retention?.Days ?? null, years: retention?.Years ?? null };
    },
    { absent: ['ObjectLockConfigurationNotFoundError'], whenAbsent: null },
  );
  return collected({ name, facts: { ...facts, versioning: await versioning }, accountPublicAccessBlock: s3Inventory.accountPublicAccessBlock, objectLock });
}
