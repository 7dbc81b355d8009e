/**
 * Which scenarios run where in an Organization audit. A scenario about the Organization itself (its
 * features, SCPs, the organization trail) carries `@scope:organization` — on the Feature when every
 * scenario in it is organization-level, else on the scenario — and runs once, in the management (or
 * delegated-admin) account. Every other scenario is account-level and runs once per member account
 * (over all audited regions) and in the management account.
 */
export const ORGANIZATION_SCOPE_TAG = '@scope:organization';

/** Tag expression for a member account: the user's expression, without organization-level scenarios or @exam. */
export function memberTagExpression(userTags?: string): string {
  return joinTags(userTags, 'not @exam', `not ${ORGANIZATION_SCOPE_TAG}`);
}

/** Tag expression for the management account: every scenario the user asked for except @exam (live accounts are never written). */
export function managementTagExpression(userTags: string | undefined, examAllowed: boolean): string | undefined {
  return joinTags(userTags, examAllowed ? undefined : 'not @exam') || undefined;
}

export function joinTags(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p && p.trim()))
    .map((p) => `(${p})`)
    .join(' and ');
}
