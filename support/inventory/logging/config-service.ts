import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeRetentionConfigurations,
} from '@aws-sdk/client-config-service';
import { attempt } from '../collected';
import { allPages, type CollectContext } from '../collector';
import type { ConfigServiceFacts } from '../types/logging';

/** AWS Config in one region: recorders, whether they record, where they deliver, how long items are kept. */
export async function collectConfigService(ctx: CollectContext): Promise<ConfigServiceFacts> {
  const config = ctx.clients.client(ConfigServiceClient, ctx.account, ctx.region);
  const where = `(${ctx.region})`;
  const [recorders, statuses, deliveryChannels, retentionDays] = await Promise.all([
    attempt(`Config DescribeConfigurationRecorders ${where}`, async () =>
      ((await config.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? []).map((r) => ({
        name: r.name ?? 'default',
        roleArn: r.roleARN ?? null,
        allSupported: r.recordingGroup?.allSupported === true,
        includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes === true,
        strategy: r.recordingGroup?.recordingStrategy?.useOnly ?? null,
        resourceTypes: r.recordingGroup?.resourceTypes ?? [],
      })),
    ),
    attempt(`Config DescribeConfigurationRecorderStatus ${where}`, async () =>
      ((await config.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? []).map((s) => ({
        name: s.name ?? 'default',
        recording: s.recording === true,
        lastStatus: s.lastStatus ?? null,
        lastErrorCode: s.lastErrorCode ?? null,
      })),
    ),
    attempt(`Config DescribeDeliveryChannels ${where}`, async () =>
      ((await config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? []).map((d) => ({
        name: d.name ?? 'default',
        s3BucketName: d.s3BucketName || null,
        s3KeyPrefix: d.s3KeyPrefix ?? null,
        snsTopicArn: d.snsTopicARN ?? null,
        frequency: d.configSnapshotDeliveryProperties?.deliveryFrequency ?? null,
      })),
    ),
    attempt(`Config DescribeRetentionConfigurations ${where}`, async () => {
      const all = await allPages(paginateDescribeRetentionConfigurations({ client: config }, {}), (page) => page.RetentionConfigurations);
      return all[0]?.RetentionPeriodInDays ?? null;
    }),
  ]);
  return { recorders, statuses, deliveryChannels, retentionDays };
}
