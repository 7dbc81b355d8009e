import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collected, notCollected } from '../../support/inventory/collected';
import { websiteCanMatter } from '../../support/inventory/s3';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const statement = (over: object) => ({ Effect: 'Allow' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...over });

/** Website hosting is read only where it can change a verdict (sites controls); everywhere else it is skipped. */
const CASES: [string, Parameters<typeof websiteCanMatter>[0], Parameters<typeof websiteCanMatter>[1], boolean][] = [
  ['a private bucket: skipped', collected({ Statement: [statement({ Effect: 'Deny', Principal: '*' })] }), collected([]), false],
  ['no policy, private ACL: skipped', collected(null), collected([{ granteeType: 'CanonicalUser', granteeId: 'owner', permission: 'FULL_CONTROL' }]), false],
  ['a public-read policy: read', collected({ Statement: [statement({ Principal: '*' })] }), collected([]), true],
  ['a public-read ACL: read', collected(null), collected([{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }]), true],
  ['an origin bucket granting CloudFront: read', collected({ Statement: [statement({ Principal: { Service: 'cloudfront.amazonaws.com' } })] }), collected([]), true],
  ['policy unread: read (never guess)', notCollected('GetBucketPolicy: AccessDenied'), collected([]), true],
];
for (const [name, policy, acl, expected] of CASES) test(name, () => assert.equal(websiteCanMatter(policy, acl), expected));
