import type { CloudFrontInventory, DistributionFacts, DistributionOrigin } from '../../inventory/types/cloudfront';
import type { BucketFacts } from '../../inventory/types/s3';
import { notVerified, type RuleResult } from '../types';

/** An S3 origin: the REST endpoint (can sign with OAC) or the static-website endpoint (public by design, no OAC). */
export interface S3Origin {
  origin: DistributionOrigin;
  bucket: string;
  endpoint: 'rest' | 'website';
}

const WEBSITE_ENDPOINT = /^(.+)\.s3-website[.-][a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;
const REST_ENDPOINT = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

export function s3Origin(origin: DistributionOrigin): S3Origin | undefined {
  const domain = origin.domainName.toLowerCase();
  const website = WEBSITE_ENDPOINT.exec(domain);
  if (website) return { origin, bucket: website[1], endpoint: 'website' };
  const rest = REST_ENDPOINT.exec(domain);
  return rest ? { origin, bucket: rest[1], endpoint: 'rest' } : undefined;
}

export function s3Origins(distribution: DistributionFacts): S3Origin[] {
  return distribution.origins.flatMap((o) => s3Origin(o) ?? []);
}

/** The distributions, or why they could not be read (then the control is not verified). */
export function distributionsOf(inventory: CloudFrontInventory): DistributionFacts[] | RuleResult {
  return inventory.distributions.kind === 'collected' ? inventory.distributions.value : notVerified(inventory.distributions.reason);
}

export function isRuleResult(value: DistributionFacts[] | RuleResult): value is RuleResult {
  return !Array.isArray(value);
}

/** "arn:aws:cloudfront::111122223333:distribution/E1" (the emulator drops the empty region field): account and id. */
export function distributionArnParts(arn: string): { account: string; id: string } | undefined {
  const match = /^arn:aws[a-z-]*:cloudfront::?(\d{12}):distribution\/([A-Z0-9]+)$/.exec(arn);
  return match ? { account: match[1], id: match[2] } : undefined;
}

export function sameDistribution(a: string, b: string): boolean {
  const [x, y] = [distributionArnParts(a), distributionArnParts(b)];
  return x !== undefined && y !== undefined && x.account === y.account && x.id === y.id;
}

export function findBucket(inventory: CloudFrontInventory, name: string): BucketFacts | undefined {
  return inventory.s3.buckets.kind === 'collected' ? inventory.s3.buckets.value.find((b) => b.name === name) : undefined;
}

export function label(distribution: DistributionFacts): string {
  return distribution.aliases.length > 0 ? `${distribution.id} (${distribution.aliases.join(', ')})` : distribution.id;
}
