import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import type { DataEventSelection, KeyFacts, LoggingInventory, TrailBucketFacts, TrailFacts } from '../../support/inventory/types/logging';
import type { OrganizationsInventory } from '../../support/inventory/types/organizations';
import type { BucketFacts, PolicyStatement } from '../../support/inventory/types/s3';
import type { AnyControl } from '../../support/rules/control';
import { loggingControls } from '../../support/rules/logging';
import { logFileEncryption } from '../../support/rules/logging/facts';
import { judgeKeyPolicy } from '../../support/rules/logging/key-policy';
import { memberMayChangeTrail, memberSees } from '../../support/rules/logging/organization-members';
import { verdictOf, type Verdict } from '../../support/rules/types';
import { ALL_ON, bucket, collected, notCollected, skipped } from '../helpers/s3-inventory';

const ACCOUNT = '111122223333';
const MEMBERS = ['222233334444', '333344445555'];
const TRAIL = 'org-trail';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${TRAIL}`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000`;
const BUCKET = `trail-logs-${ACCOUNT}`;
const config = parsePostureConfig('regions: [us-east-1, eu-west-1]\n', 'test.yaml');
const namedTrailConfig = parsePostureConfig(`regions: [us-east-1, eu-west-1]\nlogging:\n  trailName: ${TRAIL}\n`, 'test.yaml');
const usEastOnly = parsePostureConfig('regions: [us-east-1, eu-west-1]\nlogging:\n  regions: [us-east-1]\n', 'test.yaml');
// Regions omitted (every enabled region): the run found us-east-1 and eu-west-1 enabled, not ap-south-1.
const unauditedRegion = { ...parsePostureConfig('logging:\n  regions: [us-east-1, ap-south-1]\n', 'test.yaml'), regions: ['us-east-1', 'eu-west-1'] };

const cloudTrailGrant = (Condition?: PolicyStatement['Condition'], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'CloudTrailEncrypt',
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: 'kms:GenerateDataKey*',
  Resource: '*',
  ...(Condition ? { Condition } : {}),
  ...extra,
});
const adminStatement: PolicyStatement = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const scoped = cloudTrailGrant({ StringEquals: { 'aws:SourceArn': TRAIL_ARN } });

function key(overrides: Partial<KeyFacts> = {}): KeyFacts {
  return {
    keyId: '0000aaaa-bbbb-cccc-dddd-eeeeffff0000',
    arn: KEY_ARN,
    region: 'us-east-1',
    manager: 'CUSTOMER',
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    state: 'Enabled',
    origin: 'AWS_KMS',
    rotationEnabled: collected(true),
    policy: collected({ Version: '2012-10-17', Statement: [adminStatement, scoped] }),
    ...overrides,
  };
}

function trailBucket(overrides: Partial<BucketFacts> = {}, objectLock: TrailBucketFacts['objectLock'] = collected({ enabled: true, mode: 'GOVERNANCE', days: 365, years: null })): TrailBucketFacts {
  return { name: BUCKET, facts: bucket(BUCKET, overrides), accountPublicAccessBlock: collected(ALL_ON), objectLock };
}

function trail(overrides: Partial<TrailFacts> = {}, home: Partial<NonNullable<TrailFacts['home']>> = {}): TrailFacts {
  return {
    name: TRAIL,
    arn: TRAIL_ARN,
    homeRegion: 'us-east-1',
    owner: ACCOUNT,
    isOrganizationTrail: true,
    isMultiRegion: true,
    includeGlobalServiceEvents: true,
    logFileValidation: true,
    kmsKeyId: KEY_ARN,
    s3BucketName: BUCKET,
    status: collected({ isLogging: true, latestDeliveryError: null }),
    home: { eventSelectors: collected({ classic: [{ readWriteType: 'All', includeManagementEvents: true }], advancedManagement: false, advancedCount: 0 }), key: collected(key()), bucket: collected(trailBucket()), ...home },
    ...overrides,
  };
}
const shadowOf = (t: TrailFacts): TrailFacts => ({ ...t, home: null });
const S3_ALL = { type: 'AWS::S3::Object', values: ['arn:aws:s3'] };
const S3_ADVANCED = [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }];
/** Management events as the reference trail records them, plus the given data-event selection. */
const dataSelectors = (data: DataEventSelection) => collected({ classic: [{ readWriteType: 'All', includeManagementEvents: true }], advancedManagement: false, advancedCount: data.advanced.length, data });

const protectTrail = { Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' };
const fullAccess = { Effect: 'Allow', Action: '*', Resource: '*' };

function organizations(options: { members?: string[]; rootScps?: object[][]; featureSet?: string; unreadable?: boolean; none?: boolean } = {}): OrganizationsInventory {
  if (options.unreadable) return { account: ACCOUNT, organization: notCollected('Organizations DescribeOrganization: AccessDenied') };
  if (options.none) return { account: ACCOUNT, organization: collected(null) };
  const members = options.members ?? MEMBERS;
  const rootScps = options.rootScps ?? [[fullAccess], [protectTrail]];
  const accounts = [ACCOUNT, ...members].map((id) => ({ id, arn: `arn:aws:organizations::${ACCOUNT}:account/o-abc/${id}`, name: `acct-${id}`, status: 'ACTIVE', parentChain: ['r-ab12'] }));
  return {
    account: ACCOUNT,
    organization: collected({
      id: 'o-abc',
      arn: `arn:aws:organizations::${ACCOUNT}:organization/o-abc`,
      featureSet: options.featureSet ?? 'ALL',
      managementAccountId: ACCOUNT,
      auditedIsManagement: true,
      structure: collected({ roots: [{ id: 'r-ab12', arn: '', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }], organizationalUnits: [], accounts }),
      serviceControlPolicies: collected([
        ...rootScps.map((Statement, i) => ({ id: `p-${i}`, arn: '', name: i === 0 ? 'FullAWSAccess' : `scp-${i}`, awsManaged: i === 0, document: { Version: '2012-10-17', Statement }, targets: [{ id: 'r-ab12', type: 'ROOT' as const, name: 'Root' }] })),
        ...accounts.map((a) => ({ id: `p-full-${a.id}`, arn: '', name: 'FullAWSAccess', awsManaged: true, document: { Version: '2012-10-17', Statement: [fullAccess] }, targets: [{ id: a.id, type: 'ACCOUNT' as const, name: a.name }] })),
      ]),
    }),
  };
}

const recorder = { name: 'default', roleArn: 'arn:aws:iam::111122223333:role/config', allSupported: true, includeGlobalResourceTypes: true, strategy: 'ALL_SUPPORTED_RESOURCE_TYPES', resourceTypes: [] };

function inventory(overrides: Partial<LoggingInventory> = {}, region = 'us-east-1'): LoggingInventory {
  return {
    account: ACCOUNT,
    region,
    trails: collected([region === 'us-east-1' ? trail() : shadowOf(trail())]),
    keys: collected([key()]),
    config: {
      recorders: collected([recorder]),
      statuses: collected([{ name: 'default', recording: true, lastStatus: 'SUCCESS', lastErrorCode: null }]),
      deliveryChannels: collected([{ name: 'default', s3BucketName: 'config-bucket', s3KeyPrefix: null, snsTopicArn: null, frequency: 'TwentyFour_Hours' }]),
      retentionDays: collected(null),
    },
    organizations: organizations(),
    ...overrides,
  };
}
const withTrail = (t: TrailFacts, region = 'us-east-1') => inventory({ trails: collected([t]) }, region);
const withBucket = (b: TrailBucketFacts) => withTrail(trail({}, { bucket: collected(b) }));

interface Case {
  name: string;
  inventory: LoggingInventory;
  verdict: Verdict;
  region?: string;
  config?: typeof config;
  /** Each expected finding's resource and a fragment of its problem. */
  findings?: [resource: string, problem: RegExp][];
}

const TABLES: [AnyControl, Case[]][] = [
  [
    loggingControls.s3WriteDataEvents,
    [
      { name: 'classic: All on arn:aws:s3', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [{ readWriteType: 'All', dataResources: [S3_ALL] }], advanced: [] }) })), verdict: 'compliant' },
      { name: 'advanced: Data, AWS::S3::Object, readOnly false', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [], advanced: [{ name: 's3', fields: [...S3_ADVANCED, { field: 'readOnly', equals: ['false'] }] }] }) })), verdict: 'compliant' },
      { name: 'classic: ReadOnly only', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [{ readWriteType: 'ReadOnly', dataResources: [S3_ALL] }], advanced: [] }) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /does not record S3 object-level write/]] },
      { name: 'classic: one bucket only', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [{ readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::one-bucket/'] }] }], advanced: [] }) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /for all buckets/]] },
      { name: 'advanced: narrowed by resources.ARN', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [], advanced: [{ name: 's3', fields: [...S3_ADVANCED, { field: 'resources.ARN', startsWith: ['arn:aws:s3:::one-bucket/'] }] }] }) })), verdict: 'non-compliant' },
      { name: 'no data events (management only)', inventory: withTrail(trail()), verdict: 'non-compliant' },
      { name: 'the trail is single-region', inventory: withTrail(trail({ isMultiRegion: false }, { eventSelectors: dataSelectors({ classic: [{ readWriteType: 'All', dataResources: [S3_ALL] }], advanced: [] }) })), verdict: 'non-compliant', findings: [[`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/*`, /no multi-region trail/]] },
      { name: 'seen from another region: judged at home', inventory: inventory({}, 'eu-west-1'), region: 'eu-west-1', verdict: 'not-applicable' },
      { name: 'event selectors unreadable', inventory: withTrail(trail({}, { eventSelectors: notCollected('GetEventSelectors: AccessDenied') })), verdict: 'not-verified' },
      { name: 'trails unreadable', inventory: inventory({ trails: notCollected('CloudTrail DescribeTrails: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.s3ReadDataEvents,
    [
      { name: 'classic: All on arn:aws:s3:::', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [{ readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::'] }] }], advanced: [] }) })), verdict: 'compliant' },
      { name: 'advanced: Data and AWS::S3::Object, no readOnly field (both)', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [], advanced: [{ name: 's3', fields: S3_ADVANCED }] }) })), verdict: 'compliant' },
      { name: 'classic: WriteOnly only', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [{ readWriteType: 'WriteOnly', dataResources: [S3_ALL] }], advanced: [] }) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /does not record S3 object-level read/]] },
      { name: 'advanced: readOnly false', inventory: withTrail(trail({}, { eventSelectors: dataSelectors({ classic: [], advanced: [{ name: 's3', fields: [...S3_ADVANCED, { field: 'readOnly', equals: ['false'] }] }] }) })), verdict: 'non-compliant' },
      { name: 'event selectors unreadable', inventory: withTrail(trail({}, { eventSelectors: notCollected('GetEventSelectors: AccessDenied') })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.organizationTrail,
    [
      { name: 'organization trail at home', inventory: inventory(), verdict: 'compliant' },
      { name: 'seen as a shadow trail in another region', inventory: inventory({}, 'eu-west-1'), region: 'eu-west-1', verdict: 'compliant' },
      { name: 'named trail found', inventory: inventory(), config: namedTrailConfig, verdict: 'compliant' },
      { name: 'logging stopped', inventory: withTrail(trail({ status: collected({ isLogging: false, latestDeliveryError: null }) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /IsLogging is false/]] },
      { name: 'single-account trail', inventory: withTrail(trail({ isOrganizationTrail: false })), config: namedTrailConfig, verdict: 'non-compliant', findings: [[TRAIL_ARN, /IsOrganizationTrail is false/]] },
      { name: 'no organization trail at all', inventory: withTrail(trail({ isOrganizationTrail: false })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /is not an organization trail: IsOrganizationTrail is false/]] },
      { name: 'no trail at all', inventory: inventory({ trails: collected([]) }), verdict: 'non-compliant', findings: [['arn:aws:cloudtrail:us-east-1:111122223333:trail/*', /an organization trail is not visible in us-east-1: no trail is/]] },
      { name: 'single-region trail', inventory: withTrail(trail({ isMultiRegion: false })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /IsMultiRegionTrail is false/]] },
      { name: 'single-region trail is not seen elsewhere', inventory: inventory({ trails: collected([]) }, 'eu-west-1'), region: 'eu-west-1', verdict: 'non-compliant', findings: [['arn:aws:cloudtrail:eu-west-1:111122223333:trail/*', /not visible in eu-west-1: no trail is/]] },
      { name: 'write-only management events', inventory: withTrail(trail({}, { eventSelectors: collected({ classic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }], advancedManagement: false, advancedCount: 0 }) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /record only WriteOnly management events/]] },
      { name: 'management events excluded', inventory: withTrail(trail({}, { eventSelectors: collected({ classic: [{ readWriteType: 'All', includeManagementEvents: false }], advancedManagement: false, advancedCount: 0 }) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /exclude management events/]] },
      { name: 'advanced selectors for management events', inventory: withTrail(trail({}, { eventSelectors: collected({ classic: [], advancedManagement: true, advancedCount: 1 }) })), verdict: 'compliant' },
      { name: 'default selectors (none set)', inventory: withTrail(trail({}, { eventSelectors: collected({ classic: [], advancedManagement: false, advancedCount: 0 }) })), verdict: 'compliant' },
      { name: 'event selectors unreadable', inventory: withTrail(trail({}, { eventSelectors: notCollected('GetEventSelectors: AccessDenied') })), verdict: 'not-verified' },
      { name: 'no global service events', inventory: withTrail(trail({ includeGlobalServiceEvents: false })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /IncludeGlobalServiceEvents is false/]] },
      { name: 'owned by another account', inventory: withTrail(trail({ owner: '999988887777' })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /not the management account/]] },
      { name: 'account outside any organization', inventory: inventory({ organizations: organizations({ none: true }) }), verdict: 'non-compliant', findings: [['arn:aws:organizations::111122223333:account', /in no organization/]] },
      { name: 'region not in logging.regions', inventory: inventory({ trails: collected([]) }, 'eu-west-1'), region: 'eu-west-1', config: usEastOnly, verdict: 'not-applicable' },
      { name: 'logging.regions names a region the run does not audit', inventory: inventory(), config: unauditedRegion, verdict: 'not-verified' },
      { name: 'trail status unreadable', inventory: withTrail(trail({ status: notCollected('GetTrailStatus: AccessDenied') })), verdict: 'not-verified' },
      { name: 'trails unreadable', inventory: inventory({ trails: notCollected('DescribeTrails: AccessDenied') }), verdict: 'not-verified' },
      { name: 'organization unreadable', inventory: inventory({ organizations: organizations({ unreadable: true }) }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.memberVisibility,
    [
      { name: 'organization trail, two ACTIVE members', inventory: inventory(), verdict: 'compliant' },
      { name: 'judged once, at home: shadow region is not applicable', inventory: inventory({}, 'eu-west-1'), region: 'eu-west-1', verdict: 'not-applicable' },
      { name: 'account-only trail', inventory: withTrail(trail({ isOrganizationTrail: false })), config: namedTrailConfig, verdict: 'non-compliant', findings: [[TRAIL_ARN, /not visible to 2 of 2 member accounts.*IsOrganizationTrail is false/]] },
      { name: 'no organization trail', inventory: withTrail(trail({ isOrganizationTrail: false })), verdict: 'non-compliant', findings: [['arn:aws:cloudtrail:us-east-1:111122223333:trail/*', /there is no organization trail/]] },
      { name: 'organization without members', inventory: inventory({ organizations: organizations({ members: [] }) }), verdict: 'not-applicable' },
      { name: 'organization unreadable', inventory: inventory({ organizations: organizations({ unreadable: true }) }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.memberProtection,
    [
      { name: 'SCP at the root denies StopLogging and DeleteTrail', inventory: inventory(), verdict: 'compliant' },
      { name: 'no protecting SCP', inventory: inventory({ organizations: organizations({ rootScps: [[fullAccess]] }) }), verdict: 'non-compliant', findings: [[TRAIL_ARN, /member 222233334444.*cloudtrail:StopLogging is not denied/], [TRAIL_ARN, /cloudtrail:DeleteTrail/], [TRAIL_ARN, /333344445555.*StopLogging/], [TRAIL_ARN, /333344445555.*DeleteTrail/]] },
      { name: 'SCP denies StopLogging only', inventory: inventory({ organizations: organizations({ rootScps: [[fullAccess], [{ ...protectTrail, Action: 'cloudtrail:StopLogging' }]] }) }), verdict: 'non-compliant', findings: [[TRAIL_ARN, /222233334444.*DeleteTrail/], [TRAIL_ARN, /333344445555.*DeleteTrail/]] },
      { name: 'SCPs not in effect (consolidated billing)', inventory: inventory({ organizations: organizations({ featureSet: 'CONSOLIDATED_BILLING' }) }), verdict: 'non-compliant', findings: [[TRAIL_ARN, /SCPs are not in effect/], [TRAIL_ARN, /StopLogging/], [TRAIL_ARN, /DeleteTrail/], [TRAIL_ARN, /StopLogging/], [TRAIL_ARN, /DeleteTrail/]] },
      { name: 'account-only trail is not protected', inventory: withTrail(trail({ isOrganizationTrail: false })), config: namedTrailConfig, verdict: 'non-compliant', findings: [[TRAIL_ARN, /not protected as an organization trail/]] },
      { name: 'organization unreadable', inventory: inventory({ organizations: organizations({ unreadable: true }) }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.logFileValidation,
    [
      { name: 'validation on', inventory: inventory(), verdict: 'compliant' },
      { name: 'validation off', inventory: withTrail(trail({ logFileValidation: false })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /LogFileValidationEnabled is false/]] },
      { name: 'shadow trails are judged at home', inventory: inventory({}, 'eu-west-1'), region: 'eu-west-1', verdict: 'not-applicable' },
      { name: 'trails unreadable', inventory: inventory({ trails: notCollected('DescribeTrails: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.trailKmsEncryption,
    [
      { name: 'customer-managed key', inventory: inventory(), verdict: 'compliant' },
      { name: 'no key (SSE-S3)', inventory: withTrail(trail({ kmsKeyId: null }, { key: collected(null) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /KmsKeyId is not set.*SSE-S3/]] },
      { name: 'AWS-managed key', inventory: withTrail(trail({}, { key: collected(key({ manager: 'AWS' })) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /AWS-managed, not a customer-managed/]] },
      { name: 'key disabled', inventory: withTrail(trail({}, { key: collected(key({ state: 'Disabled' })) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /is Disabled/]] },
      { name: 'key deleted', inventory: withTrail(trail({}, { key: collected(null) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /does not exist/]] },
      { name: 'key unreadable', inventory: withTrail(trail({}, { key: notCollected('KMS DescribeKey: AccessDenied') })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.trailKeyPolicy,
    [
      { name: 'aws:SourceArn names the trail', inventory: inventory(), verdict: 'compliant' },
      {
        name: 'EncryptionContext names the trail',
        inventory: withTrail(trail({}, { key: collected(key({ policy: collected({ Statement: [cloudTrailGrant({ StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN } })] }) })) })),
        verdict: 'compliant',
      },
      {
        name: 'no condition',
        inventory: withTrail(trail({}, { key: collected(key({ policy: collected({ Statement: [adminStatement, cloudTrailGrant()] }) })) })),
        verdict: 'non-compliant',
        findings: [[KEY_ARN, /CloudTrailEncrypt .* has no aws:SourceArn or kms:EncryptionContext/]],
      },
      {
        name: 'condition for every trail of the account',
        inventory: withTrail(trail({}, { key: collected(key({ policy: collected({ Statement: [cloudTrailGrant({ StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } })] }) })) })),
        verdict: 'non-compliant',
        findings: [[KEY_ARN, /also matches other trails/]],
      },
      { name: 'CloudTrail not allowed at all', inventory: withTrail(trail({}, { key: collected(key({ policy: collected({ Statement: [adminStatement] }) })) })), verdict: 'non-compliant', findings: [[KEY_ARN, /does not let cloudtrail.amazonaws.com/]] },
      { name: 'no key on the trail', inventory: withTrail(trail({ kmsKeyId: null }, { key: collected(null) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /no key policy/]] },
      { name: 'key policy unreadable', inventory: withTrail(trail({}, { key: collected(key({ policy: notCollected('KMS GetKeyPolicy: AccessDenied') })) })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.keyRotation,
    [
      { name: 'rotation on', inventory: inventory(), verdict: 'compliant' },
      { name: 'rotation off', inventory: inventory({ keys: collected([key({ rotationEnabled: collected(false) })]) }), verdict: 'non-compliant', findings: [[KEY_ARN, /KeyRotationEnabled is false/]] },
      { name: 'AWS-managed and asymmetric keys are not asked', inventory: inventory({ keys: collected([key({ manager: 'AWS', rotationEnabled: collected(false) }), key({ spec: 'RSA_2048', rotationEnabled: collected(null) })]) }), verdict: 'not-applicable' },
      { name: 'pending deletion is not asked', inventory: inventory({ keys: collected([key({ state: 'PendingDeletion', rotationEnabled: collected(false) })]) }), verdict: 'not-applicable' },
      { name: 'rotation status unreadable', inventory: inventory({ keys: collected([key({ rotationEnabled: notCollected('KMS GetKeyRotationStatus: AccessDenied') })]) }), verdict: 'not-verified' },
      { name: 'keys unreadable', inventory: inventory({ keys: notCollected('KMS ListKeys: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.trailBucketNotPublic,
    [
      { name: 'private bucket', inventory: inventory(), verdict: 'compliant' },
      {
        name: 'public read policy',
        inventory: withBucket(trailBucket({ policy: collected({ Statement: [{ Sid: 'PublicReadLogs', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }] }) })),
        verdict: 'non-compliant',
        findings: [[`arn:aws:s3:::${BUCKET}`, /bucket of trail org-trail: policy statement PublicReadLogs allows everyone/]],
      },
      {
        name: 'public ACL',
        inventory: withBucket(trailBucket({ ownership: collected('ObjectWriter'), acl: collected([{ granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }]) })),
        verdict: 'non-compliant',
        findings: [[`arn:aws:s3:::${BUCKET}`, /AllUsers/]],
      },
      { name: 'bucket in another account', inventory: withBucket({ name: BUCKET, facts: null, accountPublicAccessBlock: collected(ALL_ON), objectLock: collected(null) }), verdict: 'not-verified' },
      { name: 'policy unreadable', inventory: withBucket(trailBucket({ policy: notCollected('GetBucketPolicy: AccessDenied') })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.trailBucketHttpsOnly,
    [
      { name: 'denies plain HTTP', inventory: inventory(), verdict: 'compliant' },
      { name: 'no policy', inventory: withBucket(trailBucket({ policy: collected(null) })), verdict: 'non-compliant', findings: [[`arn:aws:s3:::${BUCKET}`, /bucket of trail org-trail: no bucket policy/]] },
      { name: 'policy unreadable', inventory: withBucket(trailBucket({ policy: notCollected('GetBucketPolicy: AccessDenied') })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.trailBucketKeepsLogs,
    [
      { name: 'versioning and Object Lock', inventory: inventory(), verdict: 'compliant' },
      { name: 'versioning and MFA delete', inventory: withBucket(trailBucket({ versioning: collected({ status: 'Enabled', mfaDelete: 'Enabled' }) }, collected(null))), verdict: 'compliant' },
      { name: 'versioning only', inventory: withBucket(trailBucket({}, collected(null))), verdict: 'non-compliant', findings: [[`arn:aws:s3:::${BUCKET}`, /neither Object Lock nor MFA delete/]] },
      { name: 'versioning suspended', inventory: withBucket(trailBucket({ versioning: collected({ status: 'Suspended', mfaDelete: null }) })), verdict: 'non-compliant', findings: [[`arn:aws:s3:::${BUCKET}`, /versioning is Suspended/]] },
      { name: 'Object Lock unreadable', inventory: withBucket(trailBucket({}, notCollected('GetObjectLockConfiguration: AccessDenied'))), verdict: 'not-verified' },
      { name: 'versioning skipped is never a pass', inventory: withBucket(trailBucket({ versioning: skipped('not read for this bucket') })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.trailBucketAccessLogging,
    [
      { name: 'logs to another bucket', inventory: inventory(), verdict: 'compliant' },
      { name: 'logging off', inventory: withBucket(trailBucket({ logging: collected(null) })), verdict: 'non-compliant', findings: [[`arn:aws:s3:::${BUCKET}`, /server access logging is off/]] },
      { name: 'logs into itself', inventory: withBucket(trailBucket({ logging: collected({ targetBucket: BUCKET, targetPrefix: '' }) })), verdict: 'non-compliant', findings: [[`arn:aws:s3:::${BUCKET}`, /into the trail bucket itself/]] },
      { name: 'no bucket on the trail', inventory: withTrail(trail({ s3BucketName: null }, { bucket: collected(null) })), verdict: 'non-compliant', findings: [[TRAIL_ARN, /S3BucketName is not set/]] },
      { name: 'logging unreadable', inventory: withBucket(trailBucket({ logging: notCollected('GetBucketLogging: AccessDenied') })), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.configRecordsAllTypes,
    [
      { name: 'all supported and global', inventory: inventory(), verdict: 'compliant' },
      { name: 'global types left out', inventory: inventory({ config: { ...inventory().config, recorders: collected([{ ...recorder, includeGlobalResourceTypes: false }]) } }), verdict: 'non-compliant', findings: [['arn:aws:config:us-east-1:111122223333:configuration-recorder/default', /includeGlobalResourceTypes is false/]] },
      { name: 'listed types only', inventory: inventory({ config: { ...inventory().config, recorders: collected([{ ...recorder, allSupported: false, includeGlobalResourceTypes: false, strategy: 'INCLUSION_BY_RESOURCE_TYPES', resourceTypes: ['AWS::S3::Bucket'] }]) } }), verdict: 'non-compliant', findings: [['arn:aws:config:us-east-1:111122223333:configuration-recorder/default', /allSupported is false.*AWS::S3::Bucket/]] },
      { name: 'no recorder', inventory: inventory({ config: { ...inventory().config, recorders: collected([]) } }), verdict: 'non-compliant', findings: [['arn:aws:config:us-east-1:111122223333:configuration-recorder/*', /no AWS Config recorder in us-east-1/]] },
      { name: 'region not in logging.regions', inventory: inventory({ config: { ...inventory().config, recorders: collected([]) } }, 'eu-west-1'), region: 'eu-west-1', config: usEastOnly, verdict: 'not-applicable' },
      { name: 'recorders unreadable', inventory: inventory({ config: { ...inventory().config, recorders: notCollected('Config DescribeConfigurationRecorders: AccessDenied') } }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.configRecording,
    [
      { name: 'recording', inventory: inventory(), verdict: 'compliant' },
      { name: 'stopped', inventory: inventory({ config: { ...inventory().config, statuses: collected([{ name: 'default', recording: false, lastStatus: 'SUCCESS', lastErrorCode: null }]) } }), verdict: 'non-compliant', findings: [['arn:aws:config:us-east-1:111122223333:configuration-recorder/default', /recording is false/]] },
      { name: 'no recorder', inventory: inventory({ config: { ...inventory().config, statuses: collected([]) } }), verdict: 'non-compliant', findings: [['arn:aws:config:us-east-1:111122223333:configuration-recorder/*', /nothing is recording/]] },
      { name: 'status unreadable', inventory: inventory({ config: { ...inventory().config, statuses: notCollected('Config DescribeConfigurationRecorderStatus: AccessDenied') } }), verdict: 'not-verified' },
    ],
  ],
  [
    loggingControls.configDeliveryChannel,
    [
      { name: 'delivers to S3', inventory: inventory(), verdict: 'compliant' },
      { name: 'no delivery channel', inventory: inventory({ config: { ...inventory().config, deliveryChannels: collected([]) } }), verdict: 'non-compliant', findings: [['arn:aws:config:us-east-1:111122223333:delivery-channel/*', /no AWS Config delivery channel/]] },
      { name: 'channels unreadable', inventory: inventory({ config: { ...inventory().config, deliveryChannels: notCollected('Config DescribeDeliveryChannels: AccessDenied') } }), verdict: 'not-verified' },
    ],
  ],
];

describe('logging rules', () => {
  for (const [control, cases] of TABLES) {
    describe(control.meta.id, () => {
      test('has compliant, non-compliant and not-verified cases', () => {
        const verdicts = new Set(cases.map((c) => c.verdict));
        for (const v of ['compliant', 'non-compliant', 'not-verified'] as const) assert.ok(verdicts.has(v), `${control.meta.id} lacks a ${v} case`);
      });
      for (const c of cases) {
        test(c.name, () => {
          const region = c.region ?? 'us-east-1';
          const result = control.evaluate(c.inventory, { account: ACCOUNT, region, config: c.config ?? config });
          assert.equal(verdictOf(result), c.verdict, JSON.stringify(result, null, 2).slice(0, 1500));
          if (verdictOf(result) === 'non-compliant' && c.findings) {
            assert.equal(result.findings.length, c.findings.length, result.findings.map((f) => f.problem).join('\n'));
            c.findings.forEach(([resource, problem], i) => {
              assert.equal(result.findings[i].resource, resource);
              assert.match(result.findings[i].problem, problem);
            });
          }
        });
      }
    });
  }
});

describe('judgeKeyPolicy', () => {
  const cases: [name: string, statements: PolicyStatement[], problems: number][] = [
    ['SourceArn exact', [scoped], 0],
    ['ArnLike with the exact trail', [cloudTrailGrant({ ArnLike: { 'aws:SourceArn': TRAIL_ARN } })], 0],
    ['EncryptionContext with a region wildcard only', [cloudTrailGrant({ StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/${TRAIL}` } })], 0],
    ['any account with this trail name', [cloudTrailGrant({ StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:*:trail/${TRAIL}` } })], 1],
    ['condition for another trail', [cloudTrailGrant({ StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/other` } })], 1],
    ['Principal * may encrypt', [{ ...cloudTrailGrant(), Principal: '*', Sid: 'Everyone' }, scoped], 1],
    ['kms:* for CloudTrail without condition', [cloudTrailGrant(undefined, { Action: 'kms:*' })], 1],
    ['no CloudTrail statement', [adminStatement], 1],
  ];
  for (const [name, statements, problems] of cases) {
    test(name, () => {
      const verdict = judgeKeyPolicy({ Statement: statements }, TRAIL_ARN);
      assert.equal(verdict.problems.length, problems, verdict.problems.join('\n'));
    });
  }
});

describe('exam evaluators', () => {
  test('logFileEncryption: SSE-S3 without a key, SSE-KMS with one', () => {
    assert.equal(logFileEncryption({ kmsKeyId: null }).encryption, 'SSE-S3');
    assert.equal(logFileEncryption({ kmsKeyId: KEY_ARN }).encryption, 'SSE-KMS');
  });
  const cases: [name: string, trail: { name: string; owner: string; isOrganizationTrail: boolean }, caller: string, allowed: boolean][] = [
    ['member and organization trail', { name: TRAIL, owner: ACCOUNT, isOrganizationTrail: true }, MEMBERS[0], false],
    ['member and its own trail', { name: 'own', owner: MEMBERS[0], isOrganizationTrail: false }, MEMBERS[0], true],
    ["another account's single-account trail", { name: 'other', owner: ACCOUNT, isOrganizationTrail: false }, MEMBERS[0], false],
    ['management account and its organization trail', { name: TRAIL, owner: ACCOUNT, isOrganizationTrail: true }, ACCOUNT, true],
  ];
  for (const [name, trailFacts, caller, allowed] of cases) {
    test(`memberMayChangeTrail: ${name}`, () => assert.equal(memberMayChangeTrail(trailFacts, caller).allowed, allowed));
  }
  test('memberSees: an organization trail of the management account, not a single-account trail', () => {
    assert.equal(memberSees({ name: TRAIL, owner: ACCOUNT, isOrganizationTrail: true }, { id: MEMBERS[0], name: 'a' }, ACCOUNT).sees, true);
    assert.equal(memberSees({ name: TRAIL, owner: ACCOUNT, isOrganizationTrail: false }, { id: MEMBERS[0], name: 'a' }, ACCOUNT).sees, false);
    assert.equal(memberSees({ name: TRAIL, owner: MEMBERS[1], isOrganizationTrail: true }, { id: MEMBERS[0], name: 'a' }, ACCOUNT).sees, false);
  });
});
