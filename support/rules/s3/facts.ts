import type { Collected } from '../../inventory/collected';
import { PUBLIC_ACCESS_BLOCK_FLAGS, type AclGrant, type BucketFacts, type PolicyStatement } from '../../inventory/types/s3';
import { ALL_USERS, AUTHENTICATED_USERS, hasRestrictingCondition, isEveryone, type EffectiveFlags } from '../../model/s3-access';

export { ALL_USERS, AUTHENTICATED_USERS, effectivePublicAccessBlock, hasRestrictingCondition, isEveryone, type EffectiveFlags } from '../../model/s3-access';
export { asArray } from '../policy-json';

export function missingFlags(flags: EffectiveFlags): string[] {
  return PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => !flags[flag]);
}

/** Allow statements that give everyone access with no restricting condition. */
export function publicAllowStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  return statements.filter((s) => s.Effect === 'Allow' && (isEveryone(s.Principal) || s.NotPrincipal !== undefined) && !hasRestrictingCondition(s));
}

export function publicGrants(grants: readonly AclGrant[]): AclGrant[] {
  return grants.filter((g) => g.granteeUri === ALL_USERS || g.granteeUri === AUTHENTICATED_USERS);
}

export function granteeName(grant: AclGrant): string {
  return grant.granteeUri === ALL_USERS ? 'AllUsers' : grant.granteeUri === AUTHENTICATED_USERS ? 'AuthenticatedUsers' : (grant.granteeUri ?? grant.granteeId ?? 'unknown');
}

export function bucketRegion(bucket: BucketFacts): string {
  return bucket.region.kind === 'collected' ? bucket.region.value : 'unknown';
}

/** The reasons any of these pieces could not be read. */
export function unreadable(...pieces: Collected<unknown>[]): string[] {
  return pieces.flatMap((p) => (p.kind === 'not-collected' ? [p.reason] : []));
}
