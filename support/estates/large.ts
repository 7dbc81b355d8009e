import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { PutBucketPolicyCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { mapBounded } from '../inventory/cache';
import type { EstateContext } from './estate';
import { ALL_BLOCKED, createBucket, denyInsecureTransportStatement, s3 } from './s3-buckets';

/**
 * Estate L of the performance issue (bench only, never a compliance fixture): 500 buckets (half with
 * bucket Block Public Access, a quarter with a TLS-only policy), 200 IAM users with one access key each
 * (a third with a directly attached policy) and, in each audited region, 10 VPCs × (2 subnets, 20
 * security groups with 3 rules, 5 network ACLs with 4 entries). `scale` multiplies every count.
 */
export interface LargeEstateShape {
  buckets: number;
  users: number;
  vpcsPerRegion: number;
  subnetsPerVpc: number;
  securityGroupsPerVpc: number;
  rulesPerSecurityGroup: number;
  naclsPerVpc: number;
  entriesPerNacl: number;
}

export function largeEstateShape(scale = 1): LargeEstateShape {
  return {
    buckets: 500 * scale,
    users: 200 * scale,
    vpcsPerRegion: 10 * scale,
    subnetsPerVpc: 2,
    securityGroupsPerVpc: 20,
    rulesPerSecurityGroup: 3,
    naclsPerVpc: 5,
    entriesPerNacl: 4,
  };
}

/** Writes in flight at once: the emulator is single-threaded, more only queues. */
const CONCURRENCY = 12;

export const bucketName = (i: number) => `bench-l-${String(i).padStart(5, '0')}`;
export const bucketHasBlockPublicAccess = (i: number) => i % 2 === 0;
export const bucketHasTlsPolicy = (i: number) => i % 4 === 1;

export async function provisionLargeEstate(ctx: EstateContext, shape: LargeEstateShape): Promise<void> {
  await Promise.all([buckets(ctx, shape), users(ctx, shape), ...ctx.regions.map((region) => network(ctx, region, shape))]);
}

async function buckets(ctx: EstateContext, shape: LargeEstateShape): Promise<void> {
  const indexes = Array.from({ length: shape.buckets }, (_, i) => i);
  await mapBounded(indexes, CONCURRENCY, async (i) => {
    const Bucket = bucketName(i);
    // One bucket in five lives in the second region, so bucket regions are read as AWS has them.
    const region = i % 5 === 4 && ctx.regions[1] ? ctx.regions[1] : ctx.home;
    await createBucket(ctx, Bucket, region);
    if (bucketHasBlockPublicAccess(i)) await s3(ctx, region).send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }));
    if (bucketHasTlsPolicy(i)) {
      await s3(ctx, region).send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [denyInsecureTransportStatement(Bucket)] }) }));
    }
  });
}

async function users(ctx: EstateContext, shape: LargeEstateShape): Promise<void> {
  const iam = ctx.clients.client(IAMClient, ctx.account, ctx.home);
  const policy = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'bench-l-read-reports',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bench-l-00000/*' }] }),
    }),
  );
  const indexes = Array.from({ length: shape.users }, (_, i) => i);
  await mapBounded(indexes, CONCURRENCY, async (i) => {
    const UserName = `bench-l-user-${String(i).padStart(5, '0')}`;
    await iam.send(new CreateUserCommand({ UserName }));
    await iam.send(new CreateAccessKeyCommand({ UserName }));
    if (i % 3 === 0) await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: policy.Policy?.Arn }));
  });
}

async function network(ctx: EstateContext, region: string, shape: LargeEstateShape): Promise<void> {
  const ec2 = ctx.clients.client(EC2Client, ctx.account, region);
  const vpcs = Array.from({ length: shape.vpcsPerRegion }, (_, i) => i);
  await mapBounded(vpcs, 2, async (v) => {
    const base = `10.${v % 250}.${Math.floor(v / 250) * 16}`;
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `${base}.0/20` }))).Vpc?.VpcId;
    const subnets = Array.from({ length: shape.subnetsPerVpc }, (_, s) => s);
    await mapBounded(subnets, CONCURRENCY, (s) => ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: `10.${v % 250}.${Math.floor(v / 250) * 16 + s}.0/24` })));
    const groups = Array.from({ length: shape.securityGroupsPerVpc }, (_, g) => g);
    await mapBounded(groups, CONCURRENCY / 2, async (g) => {
      const GroupId = (await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: `bench-l-sg-${g}`, Description: 'bench estate L' }))).GroupId;
      const ports = Array.from({ length: shape.rulesPerSecurityGroup }, (_, r) => 8000 + g * 10 + r);
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: ports.map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: `${base}.0/20` }] })),
        }),
      );
    });
    const nacls = Array.from({ length: shape.naclsPerVpc }, (_, n) => n);
    await mapBounded(nacls, CONCURRENCY / 2, async () => {
      const NetworkAclId = (await ec2.send(new CreateNetworkAclCommand({ VpcId }))).NetworkAcl?.NetworkAclId;
      for (let e = 0; e < shape.entriesPerNacl; e++) {
        await ec2.send(
          new CreateNetworkAclEntryCommand({ NetworkAclId, RuleNumber: 100 + e * 10, Protocol: '6', RuleAction: 'allow', Egress: e % 2 === 1, CidrBlock: `${base}.0/20`, PortRange: { From: 443, To: 443 } }),
        );
      }
    });
  });
}
