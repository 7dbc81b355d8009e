import { EC2Client, GetEbsEncryptionByDefaultCommand, GetInstanceMetadataDefaultsCommand, paginateDescribeFlowLogs } from '@aws-sdk/client-ec2';
import { attempt, collected, type Collected } from './collected';
import { allPages, type Collector } from './collector';
import type { Ec2SettingsInventory } from './types/ec2-settings';

/**
 * Per region: flow logs, EBS encryption by default and the account's IMDS defaults (three reads), with the
 * VPCs from the network inventory and the instances from the shared instances inventory (not read again).
 */
export const ec2SettingsCollector: Collector<Ec2SettingsInventory> = {
  name: 'ec2Settings',
  scope: 'region',
  async collect(ctx) {
    const ec2 = ctx.clients.client(EC2Client, ctx.account, ctx.region);
    const read = <T>(what: string, fn: () => Promise<T>) => attempt(`EC2 ${what} (${ctx.region})`, fn);
    const [network, instances, flowLogs, ebsEncryptionByDefault, metadataDefaults] = await Promise.all([
      ctx.inventory('network'),
      ctx.inventory('instances'),
      read('DescribeFlowLogs', () =>
        allPages(paginateDescribeFlowLogs({ client: ec2 }, {}), (p) =>
          p.FlowLogs?.map((f) => ({ id: f.FlowLogId ?? '', resourceId: f.ResourceId ?? '', trafficType: f.TrafficType ?? '', status: f.FlowLogStatus ?? '', destination: f.LogDestination ?? f.LogGroupName ?? '' })),
        ),
      ),
      read('GetEbsEncryptionByDefault', async () => (await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault === true),
      read('GetInstanceMetadataDefaults', async () => ({ httpTokens: (await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel?.HttpTokens ?? null })),
    ]);
    const vpcs: Ec2SettingsInventory['vpcs'] = network.vpcs.kind === 'collected' ? collected(network.vpcs.value.map((v) => ({ id: v.id, arn: v.arn, isDefault: v.isDefault }))) : (network.vpcs as Collected<never>);
    return { account: ctx.account.accountId, region: ctx.region, vpcs, flowLogs, ebsEncryptionByDefault, metadataDefaults, instances };
  },
};
