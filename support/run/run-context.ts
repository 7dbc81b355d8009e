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
 * audited, the read-only clients and the inventory collected once for all scenarios. Built once and
 * frozen (see withRun); the clients and the inventory cache inside keep their own state.
 */
export interface RunContext {
  readonly id: string;
  readonly target: TargetSpec;
  readonly config: PostureConfig;
  readonly configFile: string;
  readonly account: AccountAccess;
  readonly regions: string[];
  /** 'pinned': the posture config lists the regions; 'enabled': every region enabled for the account. */
  readonly regionSource?: 'pinned' | 'enabled';
  readonly homeRegion: string;
  readonly reads: ClientFactory;
  readonly inventory: InventoryCache;
  /** The estate this run provisioned, when it started its own emulator. */
  readonly estate?: string;
  /** Resources built by @exam scenarios, in a scratch account; only on a loopback emulator. */
  readonly sandbox?: () => Promise<ExamSandbox>;
  /** Why @exam scenarios cannot run here (live accounts are never written to). */
  readonly sandboxUnavailable?: string;
  readonly emulator?: RunningEmulator;
  readonly startedAt: Date;
  /** Accepted exceptions, shared by every account of one audit (support/waivers). */
  readonly waivers?: WaiverSet;
  /** Set when the account could not be reached (e.g. its role could not be assumed): every control is not verified. */
  readonly unreachable?: string;
  /** 'organization' for the management account of a fan-out, 'member' for each member account. */
  readonly scope?: 'organization' | 'member';
}

/**
 * A run with some fields changed, as a new frozen context (a run is never changed in place: each account
 * and scope of an audit gets its own context, registered under its id).
 */
export function withRun(run: RunContext, changes: Partial<RunContext>): RunContext {
  return Object.freeze({ ...run, ...changes });
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
