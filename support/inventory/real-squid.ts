import { exerciseRealSquid } from '../proxy/real-squid/exercise';
import type { Collector } from './collector';
import type { RealSquidInventory } from './types/real-squid';

/**
 * The audited squid.conf on a real Squid 5 (network namespaces; needs root, iproute2 and squid): the
 * proxy collector's inventory plus the probe results. Collected only when a control reads it.
 */
export const realSquidCollector: Collector<RealSquidInventory> = {
  name: 'realSquid',
  scope: 'account',
  async collect(ctx) {
    const proxy = await ctx.inventory('proxy');
    return { proxy, run: await exerciseRealSquid(proxy, ctx.config.proxy.squidBinary) };
  },
};
