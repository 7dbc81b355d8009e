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
  /** The controls this drift makes NON-COMPLIANT, each naming the drifted resource; every other control holds. */
  breaks: DriftBreak[];
  apply(ctx: EstateContext): Promise<void>;
}

/**
 * One control a drift breaks (its meta id; for controls built per table row, `row` is a fragment of the
 * row's title), and the resource its findings must name: a handle the reference estate recorded, or a
 * fragment of the ARN (or of the finding's text, for account-wide settings).
 */
export interface DriftBreak {
  control: string;
  row?: string;
  resource: { handle: string } | { contains: string };
}

export const breaks = (control: string, resource: DriftBreak['resource'], row?: string): DriftBreak => ({ control, resource, ...(row ? { row } : {}) });
/** The finding names the resource the reference estate recorded under this handle. */
export const atHandle = (key: string): DriftBreak['resource'] => ({ handle: key });
/** The finding's resource (or text) contains this fragment. */
export const named = (fragment: string): DriftBreak['resource'] => ({ contains: fragment });

export function handle(ctx: EstateContext, key: string): string {
  const value = ctx.handles.get(key);
  if (!value) throw new Error(`estate handle "${key}" was not recorded by the reference estate`);
  return value;
}
