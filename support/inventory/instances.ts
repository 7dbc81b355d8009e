import { EC2Client, paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import { attempt, type Collected } from './collected';
import { allPages, type Collector } from './collector';

/**
 * Every EC2 instance of one region but the terminated ones, as the SDK returns them: one DescribeInstances
 * pagination per (account, region), shared by every collector and rule that looks at instances.
 */
export const instancesCollector: Collector<Collected<Instance[]>> = {
  name: 'instances',
  scope: 'region',
  collect: (ctx) =>
    attempt(`EC2 DescribeInstances (${ctx.region})`, () =>
      allPages(paginateDescribeInstances({ client: ctx.clients.client(EC2Client, ctx.account, ctx.region) }, {}), (page) =>
        (page.Reservations ?? []).flatMap((r) => r.Instances ?? []).filter((i) => i.State?.Name !== 'terminated'),
      ),
    ),
};
