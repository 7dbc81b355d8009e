import { CreateSubnetCommand, CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { EstateContext, EstatePart } from '../estate';
import { withAccount } from '../../proxy/sources';
import { correctedTutorialConf } from '../../proxy/tutorial';
import { createCompliantBucket, s3 } from '../s3-buckets';
import { allowIn, closeDefaults, createSecurityGroup, ec2, launchInstance, tagged, tcpFrom } from './network';

export const PROXY_VPC_CIDR = '10.0.0.0/16';

/** The S3 source the posture config names; the estates keep squid.conf there (it can be 300 KB: too big for SSM). */
function s3Source(ctx: EstateContext): { bucket: string; key: string; includePrefix?: string } {
  const source = ctx.config.proxy.source;
  if (source.kind !== 's3') throw new Error(`the estates store squid.conf in S3: set proxy.source.kind to s3 (it is ${source.kind})`);
  return { bucket: withAccount(source.bucket, ctx.account.accountId), key: source.key, includePrefix: source.includePrefix };
}

/** Put squid.conf (and the files it includes, under the include prefix) where the posture config says. */
export async function storeSquidConf(ctx: EstateContext, text: string, includes: Record<string, string> = {}): Promise<void> {
  const { bucket, key, includePrefix } = s3Source(ctx);
  const client = s3(ctx);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'text/plain' }));
  for (const [path, body] of Object.entries(includes)) {
    if (includePrefix === undefined) throw new Error('proxy.source.includePrefix is needed to store included files');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${includePrefix.replace(/\/+$/, '')}${path}`, Body: body, ContentType: 'text/plain' }));
  }
}

/**
 * The estate's own squid.conf, in the S3 source the posture config names. A file or SSM source is the
 * user's own squid.conf, audited as it is: the estate then provisions only the proxy instance and VPC.
 */
export async function provisionSquidConf(ctx: EstateContext, text: string, includes: Record<string, string> = {}): Promise<void> {
  if (ctx.config.proxy.source.kind !== 's3') return;
  await createConfBucket(ctx);
  await storeSquidConf(ctx, text, includes);
}

export async function createConfBucket(ctx: EstateContext): Promise<void> {
  const logs = ctx.handles.get('s3.logBucket');
  await createCompliantBucket(ctx, s3Source(ctx).bucket, logs ? { logTo: logs } : { receivesAccessLogs: true });
}

/**
 * The network part's VPC and public subnet, or a VPC of our own when there is none. The reference closes
 * the new VPC's default group (CIS 5.5); the demo leaves defaults as they come.
 */
export async function proxyVpc(ctx: EstateContext, name: string, options: { closeDefaults: boolean }): Promise<{ vpcId: string; subnetId: string }> {
  const vpcId = ctx.handles.get('network.vpc');
  const subnetId = ctx.handles.get('network.publicSubnet');
  if (vpcId && subnetId) return { vpcId, subnetId };
  const client = ec2(ctx, ctx.home);
  const ownVpc = (await client.send(new CreateVpcCommand({ CidrBlock: PROXY_VPC_CIDR, TagSpecifications: tagged('vpc', { Name: name }) }))).Vpc?.VpcId as string;
  const subnet = (await client.send(new CreateSubnetCommand({ VpcId: ownVpc, CidrBlock: '10.0.1.0/24', AvailabilityZone: `${ctx.home}a`, TagSpecifications: tagged('subnet', { Name: `${name}-public` }) }))).Subnet?.SubnetId as string;
  if (options.closeDefaults) await closeDefaults(ctx, ctx.home);
  return { vpcId: ownVpc, subnetId: subnet };
}

/** The proxy instance (carrying the configured tag) and its group, which admits the proxy port from `admitFrom`. */
export async function launchProxy(ctx: EstateContext, where: { vpcId: string; subnetId: string }, admitFrom?: string[]): Promise<{ instanceId: string; groupId: string; vpcCidr: string }> {
  const client = ec2(ctx, ctx.home);
  const vpcCidr = (await client.send(new DescribeVpcsCommand({ VpcIds: [where.vpcId] }))).Vpcs?.[0]?.CidrBlock as string;
  const groupId = await createSecurityGroup(client, where.vpcId, 'posture-forward-proxy');
  await allowIn(client, groupId, [tcpFrom(ctx.config.proxy.port, admitFrom ?? [vpcCidr])]);
  const { key, value } = ctx.config.proxy.instanceTag;
  const instanceId = await launchInstance(client, where.subnetId, [groupId], { Name: 'forward-proxy', [key]: value });
  return { instanceId, groupId, vpcCidr };
}

/**
 * A Squid forward proxy in the network part's VPC (10.0.0.0/16): its group admits 8080 from the VPC CIDR
 * only, and its squid.conf — the tutorial's edit of the Amazon Linux 2 stock file with the port line
 * written correctly — sits in a compliant S3 bucket.
 */
export const proxyReference: EstatePart = {
  domain: 'proxy',
  async provision(ctx) {
    const { instanceId, groupId, vpcCidr } = await launchProxy(ctx, await proxyVpc(ctx, 'posture-proxy', { closeDefaults: true }));
    await provisionSquidConf(ctx, correctedTutorialConf({ vpcCidr, port: ctx.config.proxy.port }));
    ctx.handles.set('proxy.instance', instanceId);
    ctx.handles.set('proxy.securityGroup', groupId);
    ctx.handles.set('proxy.vpcCidr', vpcCidr);
  },
};
