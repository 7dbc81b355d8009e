import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { attempt, type Collected } from './collected';
import type { Collector } from './collector';

/** Security Hub in one region: the hub, or null when the account is not subscribed there. */
export interface SecurityHubInventory {
  account: string;
  region: string;
  hub: Collected<{ arn: string; subscribedAt: string | null } | null>;
}

export const securityHubCollector: Collector<SecurityHubInventory> = {
  name: 'securityHub',
  scope: 'region',
  async collect(ctx) {
    const client = ctx.clients.client(SecurityHubClient, ctx.account, ctx.region);
    const hub = await attempt(
      `Security Hub DescribeHub (${ctx.region})`,
      async () => {
        const answer = await client.send(new DescribeHubCommand({}));
        return { arn: answer.HubArn ?? '', subscribedAt: answer.SubscribedAt ?? null };
      },
      // "Account is not subscribed to AWS Security Hub": the service is off in this region.
      { absent: ['InvalidAccessException'], whenAbsent: null },
    );
    return { account: ctx.account.accountId, region: ctx.region, hub };
  },
};
