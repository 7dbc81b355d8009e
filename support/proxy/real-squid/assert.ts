import { inventoryFor } from '../../checks/evaluate-control';
import type { Control } from '../../rules/control';
import { notVerified } from '../../rules/types';
import type { PostureWorld } from '../../world';
import { meta, realSquidVerdict } from './behaviour';

/** The real-Squid scenario's one call: run Squid on the audited config and settle it like any control. */
export async function assertRealSquidBehaviour(world: PostureWorld): Promise<'skipped' | undefined> {
  const run = world.run;
  const control: Control<'proxy'> = { meta, inventory: 'proxy', evaluate: () => notVerified('real Squid runs asynchronously') };
  return world.settleControl(control, async () =>
    run.unreachable ? notVerified(run.unreachable) : realSquidVerdict(await inventoryFor(run, 'proxy', run.homeRegion), run.account.accountId, run.config.proxy.squidBinary),
  );
}

export { meta as realSquidMeta };
