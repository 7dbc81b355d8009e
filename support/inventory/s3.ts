import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketWebsiteCommand,
  GetObjectAclCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  paginateListObjectsV2,
  S3Client,
  type Grant,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { allPages, type CollectContext, type Collector } from './collector';
import { mapBounded } from './cache';
import { attempt, collected, skipped, type Collected, type Readable } from './collected';
import type { AclGrant, BucketFacts, PolicyDocument, PublicAccessBlock, S3Inventory } from './types/s3';
import { ALL_USERS, AUTHENTICATED_USERS, isEveryone } from '../model/s3-access';

const BUCKET_CONCURRENCY = 8;

export const s3Collector: Collector<S3Inventory> = {
  name: 's3',
  scope: 'account', // bucket names are global; each bucket is read in its own region
  async collect(ctx) {
    const control = ctx.clients.client(S3ControlClient, ctx.account, ctx.region);
    const s3 = ctx.clients.client(S3Client, ctx.account, ctx.region);
    const [accountPublicAccessBlock, names] = await Promise.all([
      attempt(
        'S3 Control GetPublicAccessBlock',
        async () => toPublicAccessBlock((await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.account.accountId }))).PublicAccessBlockConfiguration),
        { absent: ['NoSuchPublicAccessBlockConfiguration'], whenAbsent: null },
      ),
      // ListBuckets names each bucket's region (BucketRegion) on AWS: no GetBucketLocation per bucket then.
      attempt('S3 ListBuckets', () => allPages(paginateListBuckets({ client: s3 }, {}), (page) => page.Buckets?.filter((b) => b.Name).map((b) => ({ name: b.Name!, region: b.BucketRegion })))),
    ]);
    const buckets: Collected<BucketFacts[]> =
      names.kind === 'collected' ? collected(await mapBounded(names.value, BUCKET_CONCURRENCY, (b) => bucketFacts(ctx, b.name, b.region))) : names;
    return { account: ctx.account.accountId, accountPublicAccessBlock, buckets };
  },
};

/**
 * Website hosting decides two controls (sites: a public website bucket with no distribution in front; an
 * origin bucket that still hosts a website). It can change a verdict only on a bucket whose policy or ACL
 * lets everyone in, or whose policy grants CloudFront: only those buckets are asked.
 */
export function websiteCanMatter(policy: Collected<PolicyDocument | null>, acl: Collected<AclGrant[]>): boolean {
  if (policy.kind !== 'collected' || acl.kind !== 'collected') return true;
  const statements = policy.value?.Statement ?? [];
  const grantsCloudFront = /cloudfront/i.test(JSON.stringify(statements));
  return grantsCloudFront || statements.some((st) => st.Effect === 'Allow' && isEveryone(st.Principal)) || acl.value.some((g) => g.granteeUri === ALL_USERS || g.granteeUri === AUTHENTICATED_USERS);
}

async function bucketFacts(ctx: CollectContext, name: string, listedRegion: string | undefined): Promise<BucketFacts> {
  const home = ctx.clients.client(S3Client, ctx.account, ctx.region);
  const region = listedRegion
    ? collected(listedRegion)
    : await attempt(`${name}: GetBucketLocation`, async () => (await home.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint || 'us-east-1');
  const s3 = region.kind === 'collected' ? ctx.clients.client(S3Client, ctx.account, region.value) : home;
  const read = <T>(what: string, fn: () => Promise<T>, absent: string[] = [], whenAbsent?: T) => attempt(`${name}: ${what}`, fn, { absent, whenAbsent });
  const Bucket = name;

  const [publicAccessBlock, policy, acl, encryption, logging, objects] = await Promise.all([
    read('GetPublicAccessBlock', async () => toPublicAccessBlock((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration), ['NoSuchPublicAccessBlockConfiguration'], null),
    read('GetBucketPolicy', async () => parsePolicy((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy), ['NoSuchBucketPolicy'], null),
    read('GetBucketAcl', async () => toGrants((await s3.send(new GetBucketAclCommand({ Bucket }))).Grants)),
    read('GetBucketEncryption', async () =>
      (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.map((rule) => ({
        algorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'unknown',
        kmsKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
      })) ?? null,
      ['ServerSideEncryptionConfigurationNotFoundError'], null),
    read('GetBucketLogging', async () => {
      const enabled = (await s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled;
      return enabled?.TargetBucket ? { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix ?? '' } : null;
    }),
    readObjectAcls(ctx, s3, name),
  ]);
  const website: Readable<{ indexDocument?: string } | null> = websiteCanMatter(policy, acl)
    ? await read('GetBucketWebsite', async () => ({ indexDocument: (await s3.send(new GetBucketWebsiteCommand({ Bucket }))).IndexDocument?.Suffix }), ['NoSuchWebsiteConfiguration'], null)
    : skipped('no public grant and no CloudFront grant: website hosting cannot change a verdict');
  const { ownership, objectAcls } = objects;
  // Versioning decides only the trail bucket's retention: the logging collector reads it for that bucket.
  const versioning = skipped('versioning is read for trail buckets only (logging collector)');
  return { name, arn: `arn:aws:s3:::${name}`, region, publicAccessBlock, policy, ownership, acl, objectAcls, encryption, versioning, logging, website };
}

/**
 * Object ACLs are per object, read up to the configured sample. The listing comes first: an empty bucket
 * has no object ACL, and Object Ownership (which can disable ACLs) is then read only where there are
 * objects; with BucketOwnerEnforced no object ACL takes effect and none is read.
 */
async function readObjectAcls(ctx: CollectContext, s3: S3Client, Bucket: string): Promise<Pick<BucketFacts, 'ownership' | 'objectAcls'>> {
  const limit = ctx.config.s3.objectAclSampleLimit;
  if (limit === 0) return { ownership: skipped('object ACLs are not sampled (s3.objectAclSampleLimit is 0)'), objectAcls: collected({ objects: [], truncated: true }) };
  const keys = await attempt(`${Bucket}: ListObjectsV2`, async () => {
    const found: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: Math.min(limit + 1, 1000) }, { Bucket })) {
      found.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      if (found.length > limit) break;
    }
    return found;
  });
  if (keys.kind !== 'collected') return { ownership: skipped('the object listing failed, so ownership decides nothing'), objectAcls: keys };
  if (keys.value.length === 0) return { ownership: skipped('the bucket holds no objects: ownership decides no object ACL'), objectAcls: collected({ objects: [], truncated: false }) };
  const ownership = await attempt(`${Bucket}: GetBucketOwnershipControls`, async () => (await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null, {
    absent: ['OwnershipControlsNotFoundError'],
    whenAbsent: null,
  });
  if (ownership.kind === 'collected' && ownership.value === 'BucketOwnerEnforced') return { ownership, objectAcls: skipped('ACLs are disabled (BucketOwnerEnforced): no object ACL takes effect') };
  const sample = keys.value.slice(0, limit);
  const acls = await mapBounded(sample, BUCKET_CONCURRENCY, (Key) => attempt(`${Bucket}/${Key}: GetObjectAcl`, async () => ({ key: Key, grants: toGrants((await s3.send(new GetObjectAclCommand({ Bucket, Key }))).Grants) })));
  const failed = acls.find((a) => a.kind === 'not-collected');
  if (failed) return { ownership, objectAcls: failed as Collected<never> };
  return { ownership, objectAcls: collected({ objects: acls.map((a) => (a as { value: { key: string; grants: AclGrant[] } }).value), truncated: keys.value.length > limit }) };
}

function toPublicAccessBlock(c: Partial<PublicAccessBlock> | undefined): PublicAccessBlock | null {
  if (!c) return null;
  return {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

function toGrants(grants: Grant[] | undefined): AclGrant[] {
  return (grants ?? []).map((g) => ({
    granteeType: g.Grantee?.Type ?? 'unknown',
    granteeUri: g.Grantee?.URI,
    granteeId: g.Grantee?.ID,
    permission: g.Permission ?? 'unknown',
  }));
}

function parsePolicy(text: string | undefined): PolicyDocument | null {
  if (!text) return null;
  const parsed = JSON.parse(text) as { Statement?: unknown };
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  return { ...(parsed as object), Statement: statements } as PolicyDocument;
}
