import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anonymousRead, type AnonymousReadInput } from '../../support/evaluators/s3-anonymous-read';
import { ALL_OFF } from '../helpers/s3-inventory';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const base: AnonymousReadInput = { bucket: 'b', key: 'k', accountBlock: null, bucketBlock: null, policy: null, objectGrants: [] };
const publicPolicy = { Statement: [{ Sid: 'Public', Effect: 'Allow' as const, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
const publicAcl = [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }];

const CASES: [string, Partial<AnonymousReadInput>, string, string][] = [
  ['nothing grants it', {}, 'denied', 'implicit deny'],
  ['public policy', { policy: publicPolicy }, 'allowed', 'bucket policy'],
  ['public policy under RestrictPublicBuckets', { policy: publicPolicy, bucketBlock: { ...ALL_OFF, RestrictPublicBuckets: true } }, 'denied', 'implicit deny'],
  ['public policy with account-level RestrictPublicBuckets', { policy: publicPolicy, accountBlock: { ...ALL_OFF, RestrictPublicBuckets: true } }, 'denied', 'implicit deny'],
  ['public-read object ACL', { objectGrants: publicAcl }, 'allowed', 'object ACL'],
  ['public-read object ACL under IgnorePublicAcls', { objectGrants: publicAcl, bucketBlock: { ...ALL_OFF, IgnorePublicAcls: true } }, 'denied', 'implicit deny'],
  ['explicit deny beats the public ACL', { objectGrants: publicAcl, policy: { Statement: [{ Sid: 'NoReads', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] } }, 'denied', 'explicit deny'],
  ['policy for another bucket does not apply', { policy: { Statement: [{ ...publicPolicy.Statement[0], Resource: 'arn:aws:s3:::other/*' }] } }, 'denied', 'implicit deny'],
];

for (const [name, input, decision, by] of CASES) {
  test(`anonymous read: ${name}`, () => {
    const result = anonymousRead({ ...base, ...input });
    assert.deepEqual({ decision: result.decision, by: result.by }, { decision, by }, result.explanation);
  });
}
