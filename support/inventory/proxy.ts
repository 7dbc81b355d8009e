import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client, type IpPermission } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { parseSquidConf } from '../evaluators/squid/parse';
import { squidParse } from '../proxy/squid-binary';
import { readSquidConf } from '../proxy/sources';
import { mapBounded } from './cache';
import type { CollectContext, Collector } from './collector';
import { attempt, notCollected, type Collected } from './collected';
import { normaliseProtocol } from '../model/protocol';
import type { SgRule } from './types/network';
import type { ProxyIngressRule, ProxyInstance, ProxyInventory, SquidConfText, SquidSyntaxCheck } from './types/proxy';

const ABSENT_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/**
 * The forward proxy: the instances carrying the configured tag (any audited region), their VPC's CIDR
 * blocks and security group ingress, the squid.conf from the configured source, and `squid -k parse`.
 */
export const proxyCollector: Collector<ProxyInventory> = {
  name: 'proxy',
  scope: 'account',
  async collect(ctx) {
    const { instanceTag: tag, source, squidBinary } = ctx.config.proxy;
    const regions = ctx.config.regions;
    const found = await Promise.all(regions.map((region) => instancesIn(ctx, region, tag)));
    const failed = found.find((f) => f.kind === 'not-collected');
    const instances: Collected<ProxyInstance[]> = failed ?? { kind: 'collected', value: found.flatMap((f) => (f.kind === 'collected' ? f.value : [])) };
    const first = instances.kind === 'collected' ? instances.value[0] : undefined;
    const needsInstance = source.kind === 'ssm-parameter' || source.kind === 'ssm-run-command';
    const squidConf: Collected<SquidConfText> =
      needsInstance && !first
        ? notCollected(`squid.conf: no instance tagged ${tag.key}=${tag.value} to read it from`)
        : await attempt(`squid.conf from ${source.kind}`, () =>
            readSquidConf(source, {
              account: ctx.account.accountId,
              s3: () => ctx.clients.client(S3Client, ctx.account, ctx.region),
              ssm: (region) => ctx.clients.client(SSMClient, ctx.account, region),
              instance: first && { id: first.id, region: first.region },
            }),
          );
    const syntaxCheck: SquidSyntaxCheck =
      squidConf.kind === 'collected'
        ? await squidParse(parseSquidConf(squidConf.value.text, { name: squidConf.value.source, readInclude: (p) => squidConf.value.includes[p] }).flattened, squidBinary)
        : { kind: 'unavailable', reason: squidConf.reason };
    return { account: ctx.account.accountId, tag, regions, instances, squidConf, syntaxCheck };
  },
};

async function instancesIn(ctx: CollectContext, region: string, tag: { key: string; value: string }): Promise<Collected<ProxyInstance[]>> {
  const ec2 = ctx.clients.client(EC2Client, ctx.account, region);
  // The shared per-region reading, filtered here as DescribeInstances' tag and state filters would.
  const all = await ctx.inventory('instances', region);
  if (all.kind !== 'collected') return all;
  const tagged = all.value.filter((i) => ABSENT_INSTANCE_STATES.includes(i.State?.Name ?? '') && (i.Tags ?? []).some((t) => t.Key === tag.key && t.Value === tag.value));
  const value = await mapBounded(tagged, 4, async (instance): Promise<ProxyInstance> => {
    const id = instance.InstanceId ?? 'unknown';
    const vpcId = instance.VpcId ?? 'none';
    const securityGroupIds = (instance.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean);
    const [vpcCidrs, ingress] = await Promise.all([
      attempt(`${id}: DescribeVpcs ${vpcId}`, async () => {
        const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.[0];
        const v4 = (vpc?.CidrBlockAssociationSet ?? []).filter((a) => a.CidrBlockState?.State === 'associated').map((a) => a.CidrBlock ?? '');
        const v6 = (vpc?.Ipv6CidrBlockAssociationSet ?? []).filter((a) => a.Ipv6CidrBlockState?.State === 'associated').map((a) => a.Ipv6CidrBlock ?? '');
        const cidrs = [...(v4.length > 0 ? v4 : vpc?.CidrBlock ? [vpc.CidrBlock] : []), ...v6].filter(Boolean);
        if (cidrs.length === 0) throw new Error(`VPC ${vpcId} reports no CIDR block`);
        return cidrs;
      }),
      attempt(`${id}: DescribeSecurityGroups`, async () =>
        securityGroupIds.length === 0 ? [] : ((await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: securityGroupIds }))).SecurityGroups ?? []).flatMap((g) => (g.IpPermissions ?? []).flatMap((p) => flatten(g.GroupId ?? '', p))),
      ),
    ]);
    return { id, arn: `arn:aws:ec2:${region}:${ctx.account.accountId}:instance/${id}`, region, vpcId, privateIp: instance.PrivateIpAddress, securityGroupIds, vpcCidrs, ingress };
  });
  return { kind: 'collected', value };
}

function flatten(groupId: string, p: IpPermission): ProxyIngressRule[] {
  const protocol = normaliseProtocol(p.IpProtocol);
  const ports = protocol === '-1' || p.FromPort === undefined ? undefined : { from: p.FromPort, to: p.ToPort ?? p.FromPort };
  const rule = (peer: SgRule['peer'], description?: string): ProxyIngressRule => ({ groupId, rule: { protocol, ports, peer, description } });
  return [
    ...(p.IpRanges ?? []).map((r) => rule({ kind: 'cidr', cidr: r.CidrIp ?? '' }, r.Description)),
    ...(p.Ipv6Ranges ?? []).map((r) => rule({ kind: 'cidr', cidr: r.CidrIpv6 ?? '' }, r.Description)),
    ...(p.PrefixListIds ?? []).map((r) => rule({ kind: 'prefix-list', id: r.PrefixListId ?? '' }, r.Description)),
    ...(p.UserIdGroupPairs ?? []).map((r) => rule({ kind: 'group', groupId: r.GroupId ?? '' }, r.Description)),
  ];
}
