import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import type { S3Inventory } from '../../support/inventory/types/s3';
import type { AnyControl } from '../../support/rules/control';
import { s3Controls } from '../../support/rules/s3';
import { verdictOf, type Verdict } from '../../support/rules/types';
import { ALL_OFF, ALL_ON, bucket, collected, denyHttp, inventory, notCollected, skipped, unreadableBuckets } from '../helpers/s3-inventory';

const config = parsePostureConfig('regions: [us-east-1]\ns3:\n  publicWebsiteBuckets: [www.example.com]\n  presignedSharingBuckets: ["shared-{account}"]\n', 'test.yaml');
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const publicRead = (name: string) => ({ Sid: 'PublicRead', Effect: 'Allow' as const, Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` });

interface Case {
  name: string;
  inventory: S3Inventory;
  verdict: Verdict;
  /** Each expected finding's resource and a fragment of its problem. */
  findings?: [resource: string, problem: RegExp][];
}

const TABLES: [AnyControl, Case[]][] = [
  [
    s3Controls.accountBlockPublicAccess,
    [
      { name: 'all four on', inventory: inventory([]), verdict: 'compliant' },
      { name: 'no configuration', inventory: inventory([], null), verdict: 'non-compliant', findings: [['arn:aws:s3::111122223333:account', /no account-level/]] },
      { name: 'one flag off', inventory: inventory([], { ...ALL_ON, RestrictPublicBuckets: false }), verdict: 'non-compliant', findings: [['arn:aws:s3::111122223333:account', /RestrictPublicBuckets off/]] },
      { name: 'could not read', inventory: { ...inventory([]), accountPublicAccessBlock: notCollected('S3 Control GetPublicAccessBlock: AccessDenied') }, verdict: 'not-verified' },
    ],
  ],
  [
    s3Controls.bucketBlockPublicAccess,
    [
      { name: 'bucket level on, account off', inventory: inventory([bucket('a')], null), verdict: 'compliant' },
      { name: 'account level on, bucket has none', inventory: inventory([bucket('a', { publicAccessBlock: collected(null) })]), verdict: 'compliant' },
      { name: 'a flag off in both places', inventory: inventory([bucket('a', { publicAccessBlock: collected({ ...ALL_ON, IgnorePublicAcls: false }) })], { ...ALL_ON, IgnorePublicAcls: false }), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /IgnorePublicAcls off at both/]] },
      { name: 'flags split between levels are effective (OR)', inventory: inventory([bucket('a', { publicAccessBlock: collected({ ...ALL_OFF, BlockPublicAcls: true, IgnorePublicAcls: true }) })], { ...ALL_OFF, BlockPublicPolicy: true, RestrictPublicBuckets: true }), verdict: 'compliant' },
      { name: 'listed public website is accepted', inventory: inventory([bucket('www.example.com', { publicAccessBlock: collected(null) })], null), verdict: 'compliant' },
      { name: 'bucket settings unreadable', inventory: inventory([bucket('a', { publicAccessBlock: notCollected('a: GetPublicAccessBlock: AccessDenied') })]), verdict: 'not-verified' },
      { name: 'buckets unreadable', inventory: unreadableBuckets(), verdict: 'not-verified' },
    ],
  ],
  [
    s3Controls.bucketPolicyNotPublic,
    [
      { name: 'only the HTTPS deny', inventory: inventory([bucket('a')]), verdict: 'compliant' },
      { name: 'public read', inventory: inventory([bucket('a', { policy: collected({ Statement: [publicRead('a')] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /PublicRead allows everyone \(Principal "\*"\) s3:GetObject/]] },
      { name: 'Principal {"AWS":"*"} counts as everyone', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...publicRead('a'), Principal: { AWS: '*' } }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /allows everyone/]] },
      { name: 'public but restricted to the organization', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...publicRead('a'), Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }] }) })]), verdict: 'compliant' },
      { name: 'a "restricting" key that admits every address is no restriction', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...publicRead('a'), Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/0'] } } }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /allows everyone/]] },
      { name: 'a wildcard VPC endpoint is no restriction', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...publicRead('a'), Condition: { StringLike: { 'aws:SourceVpce': '*' } } }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /allows everyone/]] },
      { name: 'a negated condition lets everyone else in', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...publicRead('a'), Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /allows everyone/]] },
      { name: 'public but restricted to one network', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...publicRead('a'), Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] }) })]), verdict: 'compliant' },
      { name: 'listed website may be read by everyone', inventory: inventory([bucket('www.example.com', { policy: collected({ Statement: [publicRead('www.example.com')] }) })]), verdict: 'compliant' },
      { name: 'listed website may not be written by everyone', inventory: inventory([bucket('www.example.com', { policy: collected({ Statement: [{ ...publicRead('www.example.com'), Action: ['s3:GetObject', 's3:PutObject'] }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::www.example.com', /beyond what a public website needs/]] },
      { name: 'policy unreadable', inventory: inventory([bucket('a', { policy: notCollected('a: GetBucketPolicy: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
  [
    s3Controls.noPublicAcls,
    [
      { name: 'owner only', inventory: inventory([bucket('a')]), verdict: 'compliant' },
      { name: 'bucket ACL grants AllUsers READ', inventory: inventory([bucket('a', { publicAccessBlock: collected(null), acl: collected([{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }]) })], null), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /bucket ACL grants READ to AllUsers$/]] },
      { name: 'object ACL public-read, neutralised but still reported', inventory: inventory([bucket('a', { objectAcls: collected({ objects: [{ key: 'k', grants: [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }] }], truncated: false }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a/k', /object ACL grants READ to AllUsers \(ineffective today because IgnorePublicAcls is on\)/]] },
      { name: 'AuthenticatedUsers is any AWS account', inventory: inventory([bucket('a', { acl: collected([{ granteeType: 'Group', granteeUri: AUTH_USERS, permission: 'WRITE' }]) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /WRITE to AuthenticatedUsers/]] },
      { name: 'object ACLs unreadable', inventory: inventory([bucket('a', { objectAcls: notCollected('a: ListObjectsV2: AccessDenied') })]), verdict: 'not-verified' },
      { name: 'more objects than the sample: the unread rest is not verified', inventory: inventory([bucket('a', { objectAcls: collected({ objects: [{ key: 'k', grants: [] }], truncated: true }) })]), verdict: 'not-verified' },
      { name: 'object ACLs skipped: ACLs disabled (BucketOwnerEnforced)', inventory: inventory([bucket('a', { objectAcls: skipped('ACLs are disabled (BucketOwnerEnforced)') })]), verdict: 'compliant' },
      { name: 'object ACLs skipped, bucket ACL still public', inventory: inventory([bucket('a', { objectAcls: skipped('ACLs are disabled'), acl: collected([{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }]) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /bucket ACL grants READ to AllUsers/]] },
    ],
  ],
  [
    s3Controls.denyInsecureTransport,
    [
      { name: 'deny on SecureTransport false', inventory: inventory([bucket('a')]), verdict: 'compliant' },
      { name: 'no policy at all', inventory: inventory([bucket('a', { policy: collected(null) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /no bucket policy/]] },
      { name: 'deny covers objects only', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...denyHttp('a'), Resource: 'arn:aws:s3:::a/*' }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /no Deny/]] },
      { name: 'deny with SecureTransport true is no protection', inventory: inventory([bucket('a', { policy: collected({ Statement: [{ ...denyHttp('a'), Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /no Deny/]] },
      { name: 'policy unreadable', inventory: inventory([bucket('a', { policy: notCollected('a: GetBucketPolicy: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
  [
    s3Controls.defaultEncryption,
    [
      { name: 'SSE-S3', inventory: inventory([bucket('a')]), verdict: 'compliant' },
      { name: 'SSE-KMS', inventory: inventory([bucket('a', { encryption: collected([{ algorithm: 'aws:kms', kmsKeyId: 'key' }]) })]), verdict: 'compliant' },
      { name: 'none', inventory: inventory([bucket('a', { encryption: collected(null) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /no default encryption/]] },
      { name: 'unreadable', inventory: inventory([bucket('a', { encryption: notCollected('a: GetBucketEncryption: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
  [
    s3Controls.accessLogging,
    [
      { name: 'logs to another bucket; the log bucket itself is exempt', inventory: inventory([bucket('a', { logging: collected({ targetBucket: 'logs', targetPrefix: 'a/' }) }), bucket('logs', { logging: collected(null) })]), verdict: 'compliant' },
      { name: 'logging off', inventory: inventory([bucket('a', { logging: collected(null) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /logging is off/]] },
      { name: 'logs into itself', inventory: inventory([bucket('a', { logging: collected({ targetBucket: 'a', targetPrefix: '' }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::a', /into the bucket itself/]] },
      { name: 'unreadable', inventory: inventory([bucket('a', { logging: notCollected('a: GetBucketLogging: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
  [
    s3Controls.presignedSharingPrivate,
    [
      { name: 'private, Block Public Access on', inventory: inventory([bucket('shared-111122223333')]), verdict: 'compliant' },
      { name: 'buckets not listed are not judged here', inventory: inventory([bucket('other', { policy: collected({ Statement: [publicRead('other')] }) })]), verdict: 'compliant' },
      { name: 'public object ACL', inventory: inventory([bucket('shared-111122223333', { objectAcls: collected({ objects: [{ key: 'k', grants: [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }] }], truncated: false }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::shared-111122223333', /object k ACL grants READ to AllUsers/]] },
      { name: 'public policy and no Block Public Access', inventory: inventory([bucket('shared-111122223333', { publicAccessBlock: collected(null), policy: collected({ Statement: [publicRead('shared-111122223333')] }) })], null), verdict: 'non-compliant', findings: [['arn:aws:s3:::shared-111122223333', /PublicRead allows everyone/], ['arn:aws:s3:::shared-111122223333', /Block Public Access .* not in effect/]] },
      { name: 'ACL unreadable', inventory: inventory([bucket('shared-111122223333', { acl: notCollected('shared: GetBucketAcl: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
];

for (const [control, cases] of TABLES) {
  describe(control.meta.id, () => {
    assert.ok(cases.some((c) => c.verdict === 'compliant') && cases.some((c) => c.verdict === 'non-compliant') && cases.some((c) => c.verdict === 'not-verified'), 'each rule has compliant, non-compliant and not-verified cases');
    for (const c of cases) {
      test(c.name, () => {
        const result = control.evaluate(c.inventory, { account: '111122223333', region: 'global', config });
        assert.equal(verdictOf(result), c.verdict, JSON.stringify(result));
        if (c.findings) {
          assert.ok(verdictOf(result) === 'non-compliant');
          assert.deepEqual(result.findings.map((f) => f.resource), c.findings.map(([resource]) => resource));
          c.findings.forEach(([, problem], i) => assert.match(result.findings[i].problem, problem));
          for (const finding of result.findings) assert.equal(finding.account, '111122223333');
        }
      });
    }
  });
}
