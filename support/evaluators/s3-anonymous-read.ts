import type { AclGrant, PolicyDocument, PublicAccessBlock } from '../inventory/types/s3';
import { wildcardMatch } from '../model/policy-json';
import { asArray } from '../model/policy-json';
import { ALL_USERS, effectivePublicAccessBlock, hasRestrictingCondition, isEveryone } from '../model/s3-access';

/** Everything S3 weighs when an unsigned request asks for one object. */
export interface AnonymousReadInput {
  bucket: string;
  key: string;
  accountBlock: PublicAccessBlock | null;
  bucketBlock: PublicAccessBlock | null;
  policy: PolicyDocument | null;
  objectGrants: AclGrant[];
}

export type AnonymousReadDecision =
  | { decision: 'allowed'; by: 'bucket policy' | 'object ACL'; explanation: string }
  | { decision: 'denied'; by: 'explicit deny' | 'implicit deny'; explanation: string };

function grantsGetObject(statementActions: string[], resources: string[], objectArn: string): boolean {
  return statementActions.some((a) => wildcardMatch(a, 's3:GetObject', true)) && resources.some((r) => wildcardMatch(r, objectArn));
}

/**
 * How S3 decides an anonymous GET: an explicit deny wins; a public policy counts unless
 * RestrictPublicBuckets is in effect; a public-read ACL counts unless IgnorePublicAcls is in effect;
 * with nothing granting it, the request is implicitly denied. Conditional statements are not matched:
 * an anonymous caller presents no organization, account or VPC.
 */
export function anonymousRead(input: AnonymousReadInput): AnonymousReadDecision {
  const objectArn = `arn:aws:s3:::${input.bucket}/${input.key}`;
  const effective = effectivePublicAccessBlock(input.accountBlock, input.bucketBlock);
  const statements = input.policy?.Statement ?? [];
  const applies = (s: (typeof statements)[number]) =>
    isEveryone(s.Principal) && !s.Condition && grantsGetObject(asArray(s.Action), asArray(s.Resource), objectArn);

  const deny = statements.find((s) => s.Effect === 'Deny' && applies(s));
  if (deny) return { decision: 'denied', by: 'explicit deny', explanation: `bucket policy statement ${deny.Sid ?? '(no Sid)'} denies everyone s3:GetObject` };

  const publicAllow = statements.find((s) => s.Effect === 'Allow' && applies(s) && !hasRestrictingCondition(s));
  const ignoredReasons: string[] = [];
  if (publicAllow) {
    if (!effective.RestrictPublicBuckets) {
      return { decision: 'allowed', by: 'bucket policy', explanation: `bucket policy statement ${publicAllow.Sid ?? '(no Sid)'} allows everyone s3:GetObject` };
    }
    ignoredReasons.push('the public bucket policy is ignored because RestrictPublicBuckets is in effect');
  }
  const publicRead = input.objectGrants.find((g) => g.granteeUri === ALL_USERS && (g.permission === 'READ' || g.permission === 'FULL_CONTROL'));
  if (publicRead) {
    if (!effective.IgnorePublicAcls) return { decision: 'allowed', by: 'object ACL', explanation: `the object ACL grants ${publicRead.permission} to AllUsers` };
    ignoredReasons.push('the public-read object ACL is ignored because IgnorePublicAcls is in effect');
  }
  const because = ignoredReasons.length > 0 ? ignoredReasons.join('; ') : 'no bucket policy or ACL grants it';
  return { decision: 'denied', by: 'implicit deny', explanation: `implicitly denied: ${because}` };
}
