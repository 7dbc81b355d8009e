import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, PutRetentionConfigurationCommand, StartConfigurationRecorderCommand } from '@aws-sdk/client-config-service';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient, CreateAliasCommand } from '@aws-sdk/client-kms';
import { PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { handle, type EstateContext, type EstatePart } from '../estate';
import { ensureOrganization } from '../organization';
import { bucketName, createCompliantBucket, s3 } from '../s3-buckets';

export const ORGANIZATION_TRAIL = 'organization-trail';
/** Classic data resource for S3 object-level events in every bucket. */
export const S3_ALL_OBJECTS = [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }];

export const trailArn = (ctx: EstateContext, name: string) => `arn:aws:cloudtrail:${ctx.home}:${ctx.account.accountId}:trail/${name}`;

/** What CloudTrail needs in the trail bucket policy: read the ACL, write log files, both only for this trail. */
export function cloudTrailDeliveryStatements(ctx: EstateContext, bucket: string, trail: string, organizationId?: string) {
  const sourceArn = { 'aws:SourceArn': trailArn(ctx, trail) };
  const prefixes = [`arn:aws:s3:::${bucket}/AWSLogs/${ctx.account.accountId}/*`, ...(organizationId ? [`arn:aws:s3:::${bucket}/AWSLogs/${organizationId}/*`] : [])];
  return [
    { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: sourceArn } },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: prefixes,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...sourceArn } },
    },
  ];
}

/** What AWS Config needs in its delivery bucket policy. */
export function configDeliveryStatements(ctx: EstateContext, bucket: string) {
  const account = { 'aws:SourceAccount': ctx.account.accountId };
  return [
    { Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: account } },
    {
      Sid: 'AWSConfigBucketDelivery',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ctx.account.accountId}/Config/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...account } },
    },
  ];
}

/** A key policy: the account administers the key; CloudTrail may encrypt for this one trail only. */
export function trailKeyPolicy(ctx: EstateContext, trail: string): string {
  const account = ctx.account.accountId;
  const arn = trailArn(ctx, trail);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'EnableAccountAdministration', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'AllowCloudTrailEncryptForThisTrail',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': arn }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': arn } },
      },
      { Sid: 'AllowCloudTrailDescribeKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'aws:SourceArn': arn } } },
    ],
  });
}

export async function createTrailKey(ctx: EstateContext, trail: string, rotate: boolean): Promise<string> {
  const kms = ctx.clients.client(KMSClient, ctx.account, ctx.home);
  const key = (await kms.send(new CreateKeyCommand({ Description: `CloudTrail log files of ${trail}`, Policy: trailKeyPolicy(ctx, trail) }))).KeyMetadata;
  if (!key?.Arn || !key.KeyId) throw new Error('CreateKey returned no key');
  if (rotate) await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
  await kms.send(new CreateAliasCommand({ AliasName: `alias/${trail}`, TargetKeyId: key.KeyId }));
  return key.Arn;
}

/** AWS Config in one region: recorder (all types, global included), delivery channel, started. */
export async function recordConfiguration(ctx: EstateContext, region: string, bucket: string, options: { includeGlobal: boolean } = { includeGlobal: true }): Promise<void> {
  const config = ctx.clients.client(ConfigServiceClient, ctx.account, region);
  const roleARN = `arn:aws:iam::${ctx.account.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
  await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: options.includeGlobal } } }));
  await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: bucket, configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } } }));
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
}

/**
 * The organization trail of the management account: multi-region, global events, validation, SSE-KMS with
 * a rotating key scoped to this trail, into a bucket with Object Lock and access logging; AWS Config in
 * every audited region.
 */
export const loggingReference: EstatePart = {
  domain: 'logging',
  async provision(ctx) {
    const organization = await ensureOrganization(ctx);
    const trail = ORGANIZATION_TRAIL;
    const trailBucket = bucketName(ctx, 'cloudtrail');
    const configBucket = bucketName(ctx, 'config');
    const logBucket = handle(ctx, 's3.logBucket');
    await createCompliantBucket(ctx, trailBucket, { logTo: logBucket, extraStatements: cloudTrailDeliveryStatements(ctx, trailBucket, trail, organization.Id) });
    // Object Lock on an existing versioned bucket (AWS allows it since 2023): log files cannot be deleted for a year.
    await s3(ctx).send(
      new PutObjectLockConfigurationCommand({ Bucket: trailBucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } } }),
    );
    await createCompliantBucket(ctx, configBucket, { logTo: logBucket, extraStatements: configDeliveryStatements(ctx, configBucket) });

    const keyArn = await createTrailKey(ctx, trail, true);
    const cloudtrail = ctx.clients.client(CloudTrailClient, ctx.account, ctx.home);
    const created = await cloudtrail.send(
      new CreateTrailCommand({
        Name: trail,
        S3BucketName: trailBucket,
        IsOrganizationTrail: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KmsKeyId: keyArn,
      }),
    );
    // All management events, and S3 object-level reads and writes in every bucket (CIS 3.8, 3.9).
    await cloudtrail.send(new PutEventSelectorsCommand({ TrailName: trail, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: S3_ALL_OBJECTS }] }));
    await cloudtrail.send(new StartLoggingCommand({ Name: trail }));

    for (const region of ctx.regions) {
      await recordConfiguration(ctx, region, configBucket);
      await ctx.clients.client(ConfigServiceClient, ctx.account, region).send(new PutRetentionConfigurationCommand({ RetentionPeriodInDays: 2557 }));
    }

    ctx.handles.set('logging.trailName', trail);
    ctx.handles.set('logging.trailArn', created.TrailARN ?? trailArn(ctx, trail));
    ctx.handles.set('logging.trailKey', keyArn);
    ctx.handles.set('logging.trailBucket', trailBucket);
    ctx.handles.set('logging.configBucket', configBucket);
  },
};
