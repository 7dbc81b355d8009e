import type { Collector } from './collector';
import { collectTrails } from './logging/cloudtrail';
import { collectConfigService } from './logging/config-service';
import { collectKeys } from './logging/kms';
import type { LoggingInventory } from './types/logging';

/** Audit logging in one (account, region): CloudTrail trails, KMS keys and AWS Config. */
export const loggingCollector: Collector<LoggingInventory> = {
  name: 'logging',
  scope: 'region', // trails are seen per region (shadow trails); KMS keys and Config recorders are regional
  async collect(ctx) {
    const [trails, keys, config, organizations] = await Promise.all([collectTrails(ctx), collectKeys(ctx), collectConfigService(ctx), ctx.inventory('organizations')]);
    return { account: ctx.account.accountId, region: ctx.region, trails, keys, config, organizations };
  },
};
