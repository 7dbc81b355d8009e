import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
import { mapBounded } from '../cache';
import { attempt, collected, type Collected } from '../collected';
import { allPages, type CollectContext } from '../collector';
import type { KeyFacts } from '../types/logging';
import { parsePolicyDocument } from './policy';

const KEY_CONCURRENCY = 8;

/** Every key of the region with its metadata, rotation status and key policy. */
export async function collectKeys(ctx: CollectContext): Promise<Collected<KeyFacts[]>> {
  const kms = ctx.clients.client(KMSClient, ctx.account, ctx.region);
  const ids = await attempt(`KMS ListKeys (${ctx.region})`, () => allPages(paginateListKeys({ client: kms }, {}), (page) => page.Keys?.map((k) => k.KeyArn ?? k.KeyId ?? '').filter(Boolean)));
  if (ids.kind !== 'collected') return ids;
  const keys = await mapBounded(ids.value, KEY_CONCURRENCY, (id) => keyFacts(ctx, id));
  const failed = keys.find((k) => k.kind === 'not-collected');
  if (failed) return failed as Collected<never>;
  return collected(keys.map((k) => (k as { value: KeyFacts }).value));
}

/**
 * One key, read in its own region. `keyRef` may be a key id, a key ARN or an alias; a key that does not
 * exist (NotFoundException) is recorded as null: a trail pointing at a deleted key is a finding, not a gap.
 */
export async function describeKey(ctx: CollectContext, keyRef: string, fallbackRegion: string): Promise<Collected<KeyFacts | null>> {
  const region = keyRef.startsWith('arn:') ? keyRef.split(':')[3] || fallbackRegion : fallbackRegion;
  const kms = ctx.clients.client(KMSClient, ctx.account, region);
  const found = await attempt(`KMS DescribeKey ${keyRef}`, async () => (await kms.send(new DescribeKeyCommand({ KeyId: keyRef }))).KeyMetadata ?? null, { absent: ['NotFoundException'], whenAbsent: null });
  if (found.kind !== 'collected' || !found.value?.Arn) return found.kind === 'collected' ? collected(null) : found;
  return keyFacts(ctx, found.value.Arn);
}

async function keyFacts(ctx: CollectContext, keyArnOrId: string): Promise<Collected<KeyFacts>> {
  const region = keyArnOrId.startsWith('arn:') ? keyArnOrId.split(':')[3] : ctx.region;
  const kms = ctx.clients.client(KMSClient, ctx.account, region);
  const metadata = await attempt(`KMS DescribeKey ${keyArnOrId}`, async () => (await kms.send(new DescribeKeyCommand({ KeyId: keyArnOrId }))).KeyMetadata);
  if (metadata.kind !== 'collected') return metadata;
  const m = metadata.value;
  const arn = m?.Arn ?? keyArnOrId;
  const [rotationEnabled, policy] = await Promise.all([
    attempt(`KMS GetKeyRotationStatus ${arn}`, async () => (await kms.send(new GetKeyRotationStatusCommand({ KeyId: arn }))).KeyRotationEnabled === true, {
      // Asymmetric, HMAC and imported keys cannot rotate automatically, and a key pending deletion has no
      // rotation to ask about: there is no status to read (the rotation rule asks only enabled symmetric keys).
      absent: ['UnsupportedOperationException', 'KMSInvalidStateException'],
      whenAbsent: null,
    }),
    attempt(`KMS GetKeyPolicy ${arn}`, async () => parsePolicyDocument((await kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' }))).Policy)),
  ]);
  return collected({
    keyId: m?.KeyId ?? arn.split('/').pop() ?? arn,
    arn,
    region,
    manager: m?.KeyManager ?? 'unknown',
    spec: m?.KeySpec ?? 'unknown',
    usage: m?.KeyUsage ?? 'unknown',
    state: m?.KeyState ?? 'unknown',
    origin: m?.Origin ?? 'unknown',
    rotationEnabled,
    policy,
  });
}
