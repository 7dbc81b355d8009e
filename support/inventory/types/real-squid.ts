import type { RealSquidOutcome } from '../../proxy/real-squid/model';
import type { Collected } from '../collected';
import type { ProxyInventory } from './proxy';

/** One run of a real Squid on the audited squid.conf: what each client sent and what Squid answered. */
export interface RealSquidRun {
  source: string;
  instance: string;
  vpcCidrs: string[];
  outcome: RealSquidOutcome & { measuredAt: string };
}

/** The proxy inventory, and what the real Squid did with its squid.conf (not collected: nothing to run). */
export interface RealSquidInventory {
  proxy: ProxyInventory;
  run: Collected<RealSquidRun>;
}
