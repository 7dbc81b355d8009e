import type { PostureConfig } from '../config/schema';
import type { AccountAccess } from '../target/accounts';
import type { ClientFactory } from '../target/clients';

/** What estate code works with: write-capable clients for one emulated account (loopback only). */
export interface EstateContext {
  clients: ClientFactory;
  account: AccountAccess;
  /** The audited regions; the first is home. */
  regions: string[];
  home: string;
  config: PostureConfig;
  /** Ids the reference parts record (e.g. "network.webSecurityGroup") for drifts to find. */
  handles: Map<string, string>;
}

/** One domain's share of an estate. Parts run in the order listed in the estate's index. */
export interface EstatePart {
  domain: string;
  provision(ctx: EstateContext): Promise<void>;
}

/** A drift breaks exactly one control on top of the reference estate. */
export interface Drift {
  name: string;
  domain: string;
  description: string;
  /** Names of the scenarios that must fail on this drift; every other scenario must pass. */
  breaks: string[];
  apply(ctx: EstateContext): Promise<void>;
}

export function handle(ctx: EstateContext, key: string): string {
  const value = ctx.handles.get(key);
  if (!value) throw new Error(`estate handle "${key}" was not recorded by the reference estate`);
  return value;
}
