import { EC2Client, paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import { attempt, type Collected } from './collected';
import { allPages, type Collector } from './collector';

/** Every EC2 instance of one region in all states but terminated, as the SDK returns it. */
export type InstancesInventory = Collected<Instance[]>;

/**
 * One DescribeInstances per region, shared by every collector that needs instances (network paths,
 * instance roles, the proxy): each picks the fields and instances it needs from the same reading.
 */
export const instancesCollector: Collector<InstancesInventory> = {
  name: 'instances',
  scope: 'region',
  collect: (ctx) => readInstances(ctx.clients.client(EC2Client, ctx.account, ctx.region), ctx.region),
};

/** The read itself (also for @exam scenes reading their sandbox with their own client). */
export function readInstances(ec2: EC2Client, region: string): Promise<InstancesInventory> {
  return attempt(`EC2 DescribeInstances (${region})`, () =>
    allPages(paginateDescribeInstances({ client: ec2 }, {}), (page) => (page.Reservations ?? []).flatMap((r) => r.Instances ?? []).filter((i) => i.State?.Name !== 'terminated')),
  );
}
