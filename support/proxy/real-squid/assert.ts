import { inventoryFor } from '../../checks/evaluate-control';
import { controlEvidence } from '../../report/evidence';
import { settle } from '../../report/verdict';
import { notVerified } from '../../rules/types';
import type { PostureWorld } from '../../world';
import { meta, realSquidVerdict } from './behaviour';

/** The real-Squid scenario's one call: run Squid on the audited config, attach what happened, assert. */
export async function assertRealSquidBehaviour(world: PostureWorld): Promise<'skipped' | undefined> {
  const run = world.run;
  const result = run.unreachable
    ? notVerified(run.unreachable)
    : await realSquidVerdict(await inventoryFor(run, 'proxy', run.homeRegion), run.account.accountId, run.config.proxy.squidBinary);
  await world.attach(controlEvidence(run, meta, result), { mediaType: 'application/json', fileName: `${meta.id}.evidence.json` });
  return settle(meta, result) === 'skipped' ? 'skipped' : undefined;
}

export { meta as realSquidMeta };
