import { CreateFlowLogsCommand, DescribeVpcsCommand, EnableEbsEncryptionByDefaultCommand, ModifyInstanceMetadataDefaultsCommand } from '@aws-sdk/client-ec2';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { handle, type EstateContext, type EstatePart } from '../estate';
import { ec2 } from './network';

/** Flow logs of rejected traffic on `vpcId`, delivered to the S3 log bucket. */
export async function createFlowLog(ctx: EstateContext, region: string, vpcId: string, trafficType: 'REJECT' | 'ALL' | 'ACCEPT'): Promise<void> {
  const bucket = handle(ctx, 's3.logBucket');
  const answer = await ec2(ctx, region).send(
    new CreateFlowLogsCommand({ ResourceIds: [vpcId], ResourceType: 'VPC', TrafficType: trafficType, LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${bucket}` }),
  );
  const failed = answer.Unsuccessful?.[0];
  if (failed) throw new Error(`CreateFlowLogs ${vpcId} (${region}): ${failed.Error?.Message ?? 'failed'}`);
}

/**
 * Provisioned last, once every VPC exists: in each audited region a REJECT flow log on every VPC (default
 * VPCs too, CIS 3.7), EBS encryption by default (5.1.1), an account default of IMDSv2 (5.7) and Security
 * Hub (4.16).
 */
export const ec2SettingsReference: EstatePart = {
  domain: 'ec2',
  async provision(ctx) {
    for (const region of ctx.regions) {
      const client = ec2(ctx, region);
      const vpcs = (await client.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
      for (const vpc of vpcs) await createFlowLog(ctx, region, vpc.VpcId as string, 'REJECT');
      await client.send(new EnableEbsEncryptionByDefaultCommand({}));
      await client.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' }));
      await ctx.clients.client(SecurityHubClient, ctx.account, region).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    }
  },
};
