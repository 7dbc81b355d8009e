import { EC2Client, paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import { attempt, type Collected } from './collected';
import { allPages, type Collector } from './collector';

/** EC2 instances of one region, every state but terminated, as the SDK returns them. */
export type InstancesInventory = Collected<Instance[]>;

const NOT_TERMINATED = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

export const instancesCollector: Collector<InstancesInventory> = {
  name: 'instances',
  scope: 'region',
  collect: (ctx) =>
    attempt(`EC2 DescribeInstances (${ctx.region})`, () =>
      allPages(
        paginateDescribeInstances({ client: ctx.clients.client(EC2Client, ctx.account, ctx.region) }, { Filters: [{ Name: 'instance-state-name', Values: NOT_TERMINATED }] }),
        (page) => (page.Reservations ?? []).flatMap((r) => r.Instances ?? []),
      ),
    ),
};
