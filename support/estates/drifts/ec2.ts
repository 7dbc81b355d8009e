import { CreateImageCommand, EC2Client, TerminateInstancesCommand, ModifyImageAttributeCommand, ModifySnapshotAttributeCommand, RunInstancesCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { assumeEmulatedAccount } from '../../target/emulated-accounts';
import { type Drift, type EstateContext, atHandle, breaks, handle, named } from '../estate';

/** Someone outside the estate who publishes community AMIs. */
export const COMMUNITY_PUBLISHER = '444455556666';

const ec2 = (ctx: EstateContext) => ctx.clients.client(EC2Client, ctx.account, ctx.home);

async function amazonImage(client: EC2Client): Promise<string> {
  const image = (await client.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images?.find((i) => i.ImageId)?.ImageId;
  if (!image) throw new Error('the emulator offers no Amazon AMI');
  return image;
}

/** An AMI made from a builder instance (terminated afterwards), owned by whoever runs `client`. */
export async function imageOf(client: EC2Client, name: string): Promise<string> {
  const instance = (await client.send(new RunInstancesCommand({ ImageId: await amazonImage(client), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }))).Instances?.[0]?.InstanceId;
  const image = (await client.send(new CreateImageCommand({ InstanceId: instance, Name: name }))).ImageId;
  if (!image || !instance) throw new Error('CreateImage returned no image id');
  await client.send(new TerminateInstancesCommand({ InstanceIds: [instance] }));
  return image;
}

export const ec2Drifts: Drift[] = [
  {
    name: 'ec2-instance-from-community-ami',
    domain: 'ec2',
    description: "An instance runs from a public AMI published by an account nobody trusts (444455556666).",
    breaks: [breaks('ec2.image-provenance', named('444455556666'))],
    uses: ['iam.baselineInstanceProfile'],
    async apply(ctx) {
      const publisher = await assumeEmulatedAccount(ctx.clients, ctx.account, COMMUNITY_PUBLISHER, ctx.home);
      const theirs = ctx.clients.client(EC2Client, publisher, ctx.home);
      const image = await imageOf(theirs, `community-tools-${ctx.account.accountId}`);
      await theirs.send(new ModifyImageAttributeCommand({ ImageId: image, LaunchPermission: { Add: [{ Group: 'all' }] } }));
      // With an instance role and IMDSv2 like every reference instance: only its image is wrong.
      const profile = { Arn: handle(ctx, 'iam.baselineInstanceProfile') };
      await ec2(ctx).send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, IamInstanceProfile: profile, MetadataOptions: { HttpTokens: 'required' } }));
    },
  },
  {
    name: 'ec2-public-ami',
    domain: 'ec2',
    description: 'An AMI of the account is shared with everyone (launch permission group all).',
    breaks: [breaks('ec2.no-public-images', named('golden-image'))],
    async apply(ctx) {
      const image = await imageOf(ec2(ctx), 'golden-image');
      await ec2(ctx).send(new ModifyImageAttributeCommand({ ImageId: image, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    },
  },
  {
    name: 'ec2-public-snapshot',
    domain: 'ec2',
    description: 'The backup snapshot lets everyone create a volume from it.',
    breaks: [breaks('ec2.no-public-snapshots', atHandle('ec2.snapshot'))],
    async apply(ctx) {
      await ec2(ctx).send(new ModifySnapshotAttributeCommand({ SnapshotId: handle(ctx, 'ec2.snapshot'), Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
    },
  },
];
