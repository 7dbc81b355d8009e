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

function runRealSquidOnce(args: Parameters<typeof runRealSquid>[0]): Promise<RealSquidOutcome & { measuredAt: string }> {
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex');
  let outcome = exercised.get(key);
  if (!outcome) {
    const measuredAt = new Date().toISOString();
    outcome = runRealSquid(args).then((result) => ({ ...result, measuredAt }));
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
  const outcome = await runRealSquidOnce({ flattenedConf: config.flattened, probes, squidBinary });
  return { kind: 'collected', value: { source: conf.source, instance: instance.id, vpcCidrs: instance.vpcCidrs.value, outcome } };
}
