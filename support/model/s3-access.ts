import { asArray } from './policy-json';
import { PUBLIC_ACCESS_BLOCK_FLAGS, type PolicyStatement, type PublicAccessBlock } from '../inventory/types/s3';

/** Who "everyone" is in S3 policies and ACLs, and what narrows it: shared by the S3 rules and the anonymous-read evaluator. */
export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export type EffectiveFlags = Record<(typeof PUBLIC_ACCESS_BLOCK_FLAGS)[number], boolean>;

/** The effective setting is the more restrictive of account and bucket: OR, flag by flag. */
export function effectivePublicAccessBlock(account: PublicAccessBlock | null, bucket: PublicAccessBlock | null): EffectiveFlags {
  const flags = {} as EffectiveFlags;
  for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) flags[flag] = Boolean(account?.[flag]) || Boolean(bucket?.[flag]);
  return flags;
}

/** Principal "*" or {"AWS": "*"}: everyone, signed or not. */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    return asArray((principal as Record<string, unknown>).AWS as string | string[] | undefined).includes('*');
  }
  return false;
}

/** Condition keys that narrow "everyone" to a known network or organization. */
const RESTRICTING_KEYS = [
  'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:principalarn', 'aws:userid', 'aws:sourceowner', 'aws:principalservicename',
];

/** Operators that narrow a request to the listed values (negated, ...IfExists and Null operators do not). */
const NARROWING_OPERATORS = ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress'];
const EVERY_ADDRESS = ['0.0.0.0/0', '::/0'];

/** A condition narrows "everyone" only with a positive operator on a restricting key and values that exclude someone. */
export function hasRestrictingCondition(statement: PolicyStatement): boolean {
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, clause]) =>
      NARROWING_OPERATORS.includes(operator.toLowerCase()) &&
      Object.entries(clause).some(([key, value]) => {
        if (!RESTRICTING_KEYS.includes(key.toLowerCase())) return false;
        const values = asArray(value as string | string[]).map(String);
        return values.length > 0 && !values.some((v) => v === '*' || EVERY_ADDRESS.includes(v));
      }),
  );
}

