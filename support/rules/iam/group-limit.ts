/** AWS refuses to add a user to an 11th group (LimitExceeded); GetAccountSummary reports the quota as GroupsPerUserQuota. */
export const AWS_GROUPS_PER_USER = 10;

export interface GroupLimitVerdict {
  user: string;
  groups: number;
  quota: number;
  overBy: number;
  explanation: string;
}

/** How far a user's stored group memberships exceed what AWS allows (the emulator stores more than AWS would accept). */
export function groupMembershipLimit(user: string, groups: readonly string[], quota: number = AWS_GROUPS_PER_USER): GroupLimitVerdict {
  const overBy = Math.max(0, groups.length - quota);
  const explanation =
    overBy > 0
      ? `${user} is stored in ${groups.length} groups; AWS allows ${quota}, so it would refuse the last ${overBy} AddUserToGroup call(s) with LimitExceeded`
      : `${user} is in ${groups.length} of at most ${quota} groups`;
  return { user, groups: groups.length, quota, overBy, explanation };
}
