import { CreateSnapshotCommand, CreateVolumeCommand, EC2Client, ModifyImageAttributeCommand, ModifySnapshotAttributeCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { assumeEmulatedAccount } from '../../target/emulated-accounts';
import { COMMUNITY_PUBLISHER, imageOf } from '../drifts/ec2';
import type { EstatePart } from '../estate';

/** A tool server launched from a community AMI nobody checked, and a backup snapshot shared with everyone. */
export const ec2Demo: EstatePart = {
  domain: 'ec2',
  async provision(ctx) {
    const publisher = await assumeEmulatedAccount(ctx.clients, ctx.account, COMMUNITY_PUBLISHER, ctx.home);
    const theirs = ctx.clients.client(EC2Client, publisher, ctx.home);
    const image = await imageOf(theirs, 'free-devops-toolbox');
    await theirs.send(new ModifyImageAttributeCommand({ ImageId: image, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    const ec2 = ctx.clients.client(EC2Client, ctx.account, ctx.home);
    await ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${ctx.home}a`, Size: 8 }));
    const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId, Description: 'db backup' }));
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshot.SnapshotId, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
  },
};
