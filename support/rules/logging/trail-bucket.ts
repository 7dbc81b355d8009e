import type { PostureConfig } from '../../config/schema';
import { collected } from '../../inventory/collected';
import type { LoggingInventory, TrailBucketFacts, TrailFacts } from '../../inventory/types/logging';
import type { S3Inventory } from '../../inventory/types/s3';
import { combineResults, notApplicable, notVerified, verdictFrom, type Finding, type RuleContext, type RuleResult } from '../types';
import { homeTrails } from './facts';

/** How one control judges one trail's bucket. */
export type TrailBucketJudge = (bucket: TrailBucketFacts & { facts: NonNullable<TrailBucketFacts['facts']> }, trail: TrailFacts, context: RuleContext<PostureConfig>) => RuleResult;

/** The S3 inventory narrowed to the trail bucket, so the S3 domain's own rules judge it the same way. */
export function s3ViewOf(bucket: TrailBucketFacts & { facts: NonNullable<TrailBucketFacts['facts']> }, account: string): S3Inventory {
  return { account, accountPublicAccessBlock: bucket.accountPublicAccessBlock, buckets: collected([bucket.facts]) };
}

/** Findings about the trail bucket name the trail that delivers into it. */
function forTrail(result: RuleResult, trail: TrailFacts): RuleResult {
  return { ...result, findings: result.findings.map((f) => ({ ...f, problem: `bucket of trail ${trail.name}: ${f.problem}` })) };
}

/** Judge the bucket of every trail homed in this region; each bucket is judged once per trail that uses it. */
export function evaluateTrailBuckets(inventory: LoggingInventory, context: RuleContext<PostureConfig>, judge: TrailBucketJudge): RuleResult {
  if (inventory.trails.kind === 'not-collected') return notVerified(inventory.trails.reason);
  const trails = homeTrails(inventory.trails.value);
  if (trails.length === 0) return notApplicable(`no trail has its home in ${context.region}`);
  const results: RuleResult[] = [];
  const findings: Finding[] = [];
  for (const trail of trails) {
    const bucket = trail.home!.bucket;
    if (bucket.kind === 'not-collected') results.push(notVerified(bucket.reason));
    else if (!bucket.value) findings.push({ resource: trail.arn, account: context.account, region: context.region, problem: 'S3BucketName is not set' });
    else if (!bucket.value.facts) results.push(notVerified(`bucket ${bucket.value.name} of trail ${trail.name} is not in account ${context.account}: audit the account that owns it`));
    else results.push(forTrail(judge(bucket.value as Parameters<TrailBucketJudge>[0], trail, context), trail));
  }
  return combineResults([verdictFrom({ findings, checked: 0 }), ...results]);
}
