import { CloudTrailClient, PutEventSelectorsCommand, StopLoggingCommand, UpdateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { DeleteFlowLogsCommand, DescribeFlowLogsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DisableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ConfigServiceClient, PutConfigurationRecorderCommand, StopConfigurationRecorderCommand } from '@aws-sdk/client-config-service';
import { DisableKeyRotationCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { PutBucketLoggingCommand } from '@aws-sdk/client-s3';
import { type Drift, type EstateContext, atHandle, breaks, handle, named } from '../estate';
import { cloudTrailDeliveryStatements, S3_ALL_OBJECTS, trailKeyPolicy } from '../reference/logging';
import { denyInsecureTransportStatement, putBucketPolicy, s3 } from '../s3-buckets';

const S3_WRITES = breaks('logging.s3-object-write-events', atHandle('logging.trailArn'));
const S3_READS = breaks('logging.s3-object-read-events', atHandle('logging.trailArn'));

const cloudtrail = (ctx: EstateContext) => ctx.clients.client(CloudTrailClient, ctx.account, ctx.home);
const updateTrail = (ctx: EstateContext, change: Omit<ConstructorParameters<typeof UpdateTrailCommand>[0], 'Name'>) =>
  cloudtrail(ctx).send(new UpdateTrailCommand({ Name: handle(ctx, 'logging.trailName'), ...change }));
/** The last audited region: a break there shows the control is checked region by region. */
const lastRegion = (ctx: EstateContext) => ctx.regions[ctx.regions.length - 1];

export const loggingDrifts: Drift[] = [
  {
    name: 'logging-trail-not-logging',
    domain: 'logging',
    description: 'StopLogging on the organization trail: it exists, but records nothing.',
    breaks: [breaks('logging.organization-trail', atHandle('logging.trailArn'))],
    touches: ['logging.trailName#logging'],
    async apply(ctx) {
      await cloudtrail(ctx).send(new StopLoggingCommand({ Name: handle(ctx, 'logging.trailName') }));
    },
  },
  {
    name: 'logging-trail-kms-key-removed',
    domain: 'logging',
    description: 'The KMS key is removed from the trail (KmsKeyId ""): log files fall back to SSE-S3.',
    breaks: [breaks('logging.trail-kms-encryption', atHandle('logging.trailArn')), breaks('logging.trail-key-policy', atHandle('logging.trailArn'))],
    touches: ['logging.trailName#kms-key'],
    async apply(ctx) {
      await updateTrail(ctx, { KmsKeyId: '' });
    },
  },
  {
    name: 'logging-kms-rotation-off',
    domain: 'logging',
    description: "Automatic rotation of the trail's customer-managed key is turned off.",
    breaks: [breaks('logging.kms-key-rotation', atHandle('logging.trailKey'))],
    async apply(ctx) {
      await ctx.clients.client(KMSClient, ctx.account, ctx.home).send(new DisableKeyRotationCommand({ KeyId: handle(ctx, 'logging.trailKey') }));
    },
  },
  {
    name: 'logging-kms-key-policy-unscoped',
    domain: 'logging',
    description: "The trail key's policy lets cloudtrail.amazonaws.com GenerateDataKey* with no SourceArn or EncryptionContext condition.",
    breaks: [breaks('logging.trail-key-policy', atHandle('logging.trailKey'))],
    uses: ['logging.trailName'],
    async apply(ctx) {
      const policy = JSON.parse(trailKeyPolicy(ctx, handle(ctx, 'logging.trailName'))) as { Statement: { Sid: string; Condition?: unknown }[] };
      for (const statement of policy.Statement) if (statement.Sid === 'AllowCloudTrailEncryptForThisTrail') delete statement.Condition;
      await ctx.clients.client(KMSClient, ctx.account, ctx.home).send(new PutKeyPolicyCommand({ KeyId: handle(ctx, 'logging.trailKey'), PolicyName: 'default', Policy: JSON.stringify(policy) }));
    },
  },
  {
    name: 'logging-trail-bucket-access-logging-off',
    domain: 'logging',
    description: 'The trail bucket stops delivering server access logs.',
    // The trail bucket is also one of the buckets the S3 control asks to log.
    breaks: [breaks('logging.trail-bucket-access-logging', atHandle('logging.trailBucket')), breaks('s3.access-logging', atHandle('logging.trailBucket'))],
    async apply(ctx) {
      await s3(ctx).send(new PutBucketLoggingCommand({ Bucket: handle(ctx, 'logging.trailBucket'), BucketLoggingStatus: {} }));
    },
  },
  {
    name: 'logging-log-file-validation-off',
    domain: 'logging',
    description: 'Log file validation is turned off on the organization trail.',
    breaks: [breaks('logging.log-file-validation', atHandle('logging.trailArn'))],
    touches: ['logging.trailName#log-file-validation'],
    async apply(ctx) {
      await updateTrail(ctx, { EnableLogFileValidation: false });
    },
  },
  {
    name: 'logging-trail-single-region',
    domain: 'logging',
    description: 'The organization trail becomes single-region: other regions see no trail.',
    // The other regions see no trail (findings name trail/* there); CIS 3.8/3.9 ask for data events on a
    // multi-region trail: with none, the finding names every trail of the region.
    breaks: [breaks('logging.organization-trail', atHandle('logging.trailArn')), breaks('logging.organization-trail', named(':trail/*')), breaks('logging.s3-object-write-events', named(':trail/*')), breaks('logging.s3-object-read-events', named(':trail/*'))],
    touches: ['logging.trailName#multi-region'],
    async apply(ctx) {
      await updateTrail(ctx, { IsMultiRegionTrail: false });
    },
  },
  {
    name: 'logging-trail-write-only-events',
    domain: 'logging',
    description: 'The organization trail records only write management events (read calls such as Describe* go unrecorded).',
    breaks: [breaks('logging.organization-trail', atHandle('logging.trailArn'))],
    touches: ['logging.trailName#event-selectors'],
    async apply(ctx) {
      await cloudtrail(ctx).send(new PutEventSelectorsCommand({ TrailName: handle(ctx, 'logging.trailName'), EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }, { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: S3_ALL_OBJECTS }] }));
    },
  },
  {
    name: 'logging-not-organization-trail',
    domain: 'logging',
    description: 'The trail stops being an organization trail: it records only the management account.',
    breaks: [breaks('logging.organization-trail', atHandle('logging.trailArn')), breaks('logging.org-trail-member-visibility', atHandle('logging.trailArn')), breaks('logging.org-trail-member-protection', atHandle('logging.trailArn'))],
    touches: ['logging.trailName#organization'],
    async apply(ctx) {
      await updateTrail(ctx, { IsOrganizationTrail: false });
    },
  },
  {
    name: 'logging-trail-bucket-public',
    domain: 'logging',
    description: 'The trail bucket policy gains an Allow for Principal "*" on s3:GetObject (Block Public Access is left on).',
    breaks: [breaks('logging.trail-bucket-not-public', atHandle('logging.trailBucket')), breaks('s3.bucket-policy-not-public', atHandle('logging.trailBucket'))],
    uses: ['logging.trailName'],
    async apply(ctx) {
      const bucket = handle(ctx, 'logging.trailBucket');
      await putBucketPolicy(ctx, bucket, [
        denyInsecureTransportStatement(bucket),
        ...cloudTrailDeliveryStatements(ctx, bucket, handle(ctx, 'logging.trailName')),
        { Sid: 'PublicReadLogs', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
      ]);
    },
  },
  {
    name: 'logging-config-recorder-stopped',
    domain: 'logging',
    description: 'The AWS Config recorder is stopped in the last audited region.',
    breaks: [breaks('logging.config-recording', named('default'))],
    async apply(ctx) {
      await ctx.clients.client(ConfigServiceClient, ctx.account, lastRegion(ctx)).send(new StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    },
  },
  {
    name: 'logging-config-recorder-without-global-types',
    domain: 'logging',
    description: 'The AWS Config recorder of the first audited region no longer records global resource types (IAM).',
    breaks: [breaks('logging.config-records-all-types', named('default'))],
    async apply(ctx) {
      const config = ctx.clients.client(ConfigServiceClient, ctx.account, ctx.home);
      const roleARN = `arn:aws:iam::${ctx.account.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
      await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } } }));
    },
  },
  {
    name: 'logging-vpc-flow-log-removed',
    domain: 'logging',
    description: 'The flow log of the default VPC in the last audited region is deleted: that VPC records no traffic.',
    breaks: [breaks('logging.vpc-flow-logs', named('(default VPC)'))],
    async apply(ctx) {
      const client = ctx.clients.client(EC2Client, ctx.account, lastRegion(ctx));
      const vpc = (await client.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId as string;
      const logs = (await client.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }))).FlowLogs ?? [];
      await client.send(new DeleteFlowLogsCommand({ FlowLogIds: logs.map((l) => l.FlowLogId as string) }));
    },
  },
  {
    name: 'logging-s3-write-events-missing',
    domain: 'logging',
    description: 'The organization trail records S3 object-level reads only (a ReadOnly data selector): who wrote or deleted an object is not recorded.',
    breaks: [S3_WRITES],
    touches: ['logging.trailName#event-selectors'],
    async apply(ctx) {
      await cloudtrail(ctx).send(new PutEventSelectorsCommand({ TrailName: handle(ctx, 'logging.trailName'), EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }, { ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: S3_ALL_OBJECTS }] }));
    },
  },
  {
    name: 'logging-s3-read-events-missing',
    domain: 'logging',
    description: 'The organization trail records S3 object-level writes only (a WriteOnly data selector): who read an object is not recorded.',
    breaks: [S3_READS],
    touches: ['logging.trailName#event-selectors'],
    async apply(ctx) {
      await cloudtrail(ctx).send(new PutEventSelectorsCommand({ TrailName: handle(ctx, 'logging.trailName'), EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }, { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: S3_ALL_OBJECTS }] }));
    },
  },
  {
    name: 'logging-security-hub-off',
    domain: 'logging',
    description: 'Security Hub is disabled in the last audited region.',
    breaks: [breaks('logging.security-hub-enabled', named(':hub/default'))],
    async apply(ctx) {
      await ctx.clients.client(SecurityHubClient, ctx.account, lastRegion(ctx)).send(new DisableSecurityHubCommand({}));
    },
  },
];
