import type { PostureConfig } from '../config/schema';
import { InventoryCache } from '../inventory/cache';
import type { AccountAccess } from '../target/accounts';
import type { ClientFactory } from '../target/clients';
import type { RunningEmulator } from '../target/emulator';
import type { TargetSpec } from '../target/target';
import type { ExamSandbox } from '../estates/exam/sandbox';
import type { WaiverSet } from '../waivers/waivers';

/**
 * Everything one audit run shares across its scenarios: where AWS is, which account and regions are
 * audited, the read-only clients and the inventory collected once for all scenarios.
 */
export interface RunContext {
  id: string;
  target: TargetSpec;
  config: PostureConfig;
  configFile: string;
  account: AccountAccess;
  regions: string[];
  /** 'pinned': the posture config lists the regions; 'enabled': every region enabled for the account. */
  regionSource?: 'pinned' | 'enabled';
  homeRegion: string;
  reads: ClientFactory;
  inventory: InventoryCache;
  /** The estate this run provisioned, when it started its own emulator. */
  estate?: string;
  /** Resources built by @exam scenarios, in a scratch account; only on a loopback emulator. */
  sandbox?: () => Promise<ExamSandbox>;
  /** Why @exam scenarios cannot run here (live accounts are never written to). */
  sandboxUnavailable?: string;
  emulator?: RunningEmulator;
  startedAt: Date;
  /** Accepted exceptions, shared by every account of one audit (support/waivers). */
  waivers?: WaiverSet;
  /** Set when the account could not be reached (e.g. its role could not be assumed): every control is not verified. */
  unreachable?: string;
  /** 'organization' for the management account of a fan-out, 'member' for each member account. */
  scope?: 'organization' | 'member';
}

const runs = new Map<string, RunContext>();

export function registerRun(run: RunContext): void {
  runs.set(run.id, run);
}

export function findRun(id: string): RunContext | undefined {
  return runs.get(id);
}

export function forgetRun(id: string): void {
  runs.delete(id);
}

export function newInventoryCache(): InventoryCache {
  return new InventoryCache();
}
