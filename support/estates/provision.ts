import type { PostureConfig } from '../config/schema';
import type { AccountAccess } from '../target/accounts';
import { ClientFactory } from '../target/clients';
import { demoEstate } from './demo';
import { drifts } from './drifts';
import { recordingHandles, type EstateContext, type EstatePart } from './estate';
import { referenceEstate } from './reference';

import { UnknownEstate } from './unknown-estate';

export { UnknownEstate };

export function estateNames(): string[] {
  return ['reference', 'demo', ...drifts.map((d) => d.name)];
}

/** Build an estate into one emulated account. Refuses anything but a loopback endpoint. */
export async function provisionEstate(
  name: string,
  args: { endpoint: string; account: AccountAccess; config: PostureConfig; regions: string[] },
): Promise<EstateContext> {
  const clients = new ClientFactory(args.endpoint, 'provisioning');
  const ctx: EstateContext = { clients, account: args.account, regions: args.regions, home: args.regions[0], config: args.config, handles: new Map() };
  try {
    if (name === 'reference') await runParts(referenceEstate, ctx);
    else if (name === 'demo') await runParts(demoEstate, ctx);
    else {
      const drift = drifts.find((d) => d.name === name);
      if (!drift) throw new UnknownEstate(`POSTURE_ESTATE: "${name}" is not an estate; choose one of: ${estateNames().join(', ')}`);
      await runParts(referenceEstate, ctx);
      await drift.apply(ctx);
    }
    return ctx;
  } finally {
    clients.destroy();
  }
}

/**
 * The reference estate with several drifts on top, in one emulated account: the estates test packs drifts
 * that break disjoint controls in different domains, so their resources cannot interfere.
 */
export async function provisionDrifts(
  names: readonly string[],
  args: { endpoint: string; account: AccountAccess; config: PostureConfig; regions: string[] },
): Promise<EstateContext & { reads: Map<string, Set<string>> }> {
  const clients = new ClientFactory(args.endpoint, 'provisioning');
  const ctx: EstateContext = { clients, account: args.account, regions: args.regions, home: args.regions[0], config: args.config, handles: new Map() };
  try {
    const chosen = names.map((name) => {
      const drift = drifts.find((d) => d.name === name);
      if (!drift) throw new UnknownEstate(`"${name}" is not a drift; choose from: ${drifts.map((d) => d.name).join(', ')}`);
      return drift;
    });
    await runParts(referenceEstate, ctx);
    // The handles each drift reads: the estates test holds them against what the drift declares it touches.
    const reads = new Map<string, Set<string>>();
    for (const drift of chosen) {
      const read = new Set<string>();
      reads.set(drift.name, read);
      await drift.apply({ ...ctx, handles: recordingHandles(ctx.handles, read) });
    }
    return { ...ctx, reads };
  } finally {
    clients.destroy();
  }
}

async function runParts(parts: readonly EstatePart[], ctx: EstateContext): Promise<void> {
  for (const part of parts) {
    const started = Date.now();
    try {
      await part.provision(ctx);
      if (process.env.POSTURE_TIMINGS) process.stderr.write(`estate part ${part.domain}: ${Date.now() - started} ms\n`);
    } catch (error) {
      throw new Error(`provisioning ${part.domain}: ${(error as Error).message}`, { cause: error });
    }
  }
}
