import { createHash } from 'node:crypto';
import { parseSquidConf } from '../../evaluators/squid/parse';
import { notCollected, type Collected } from '../../inventory/collected';
import type { ProxyInventory } from '../../inventory/types/proxy';
import type { RealSquidRun } from '../../inventory/types/real-squid';
import { runRealSquid, type RealSquidOutcome } from './harness';
import { probePlan } from './plan';

/**
 * Squid's behaviour is a function of the file, the probes and the binary: the same inputs are exercised
 * once per process (an Organization whose accounts share one proxy config, or the drift runs of the
 * self-tests), and the outcome says when it was measured.
 */
const exercised = new Map<string, Promise<RealSquidOutcome & { measuredAt: string }>>();
/** One real Squid at a time per process: several at once (drift runs, accounts) starve a small machine. */
let queue: Promise<unknown> = Promise.resolve();

function runRealSquidOnce(args: Parameters<typeof runRealSquid>[0]): Promise<RealSquidOutcome & { measuredAt: string }> {
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex');
  let outcome = exercised.get(key);
  if (!outcome) {
    const run = queue.then(async () => ({ ...(await runRealSquid(args)), measuredAt: new Date().toISOString() }));
    queue = run.catch(() => undefined);
    outcome = run;
    exercised.set(key, outcome);
  }
  return outcome;
}

/** Run the audited squid.conf (as the proxy collector read it) on a real Squid, with clients inside and outside the VPC. */
export async function exerciseRealSquid(proxy: ProxyInventory, squidBinary?: string): Promise<Collected<RealSquidRun>> {
  if (proxy.instances.kind === 'not-collected') return notCollected(proxy.instances.reason);
  const instance = proxy.instances.value[0];
  if (!instance) return notCollected('no proxy instance');
  if (proxy.squidConf.kind === 'not-collected') return notCollected(proxy.squidConf.reason);
  if (instance.vpcCidrs.kind === 'not-collected') return notCollected(instance.vpcCidrs.reason);
  const conf = proxy.squidConf.value;
  const config = parseSquidConf(conf.text, { name: conf.source, readInclude: (pattern) => conf.includes[pattern] });
  if (config.unresolved.length > 0) return notCollected('squid.conf cannot be run as the proxy has it (an include or acl file was not read)');
  const probes = probePlan(config, instance.vpcCidrs.value);
  let outcome: RealSquidOutcome & { measuredAt: string };
  try {
    outcome = await runRealSquidOnce({ flattenedConf: config.flattened, probes, squidBinary });
  } catch (error) {
    // The harness itself failed (a namespace, the origin, a timeout): nothing was measured, so not verified.
    return notCollected(`the real-Squid run failed: ${((error as Error).message ?? String(error)).split('\n')[0].slice(0, 200)}`);
  }
  return { kind: 'collected', value: { source: conf.source, instance: instance.id, vpcCidrs: instance.vpcCidrs.value, outcome } };
}
