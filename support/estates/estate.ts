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
  /**
   * What the drift changes, when that is not simply the resources its breaks name: handle keys, a name for
   * an account-wide setting, or `<handle>#<attribute>` for one attribute of a resource (the trail's
   * log-file validation, its event selectors). Drifts share one emulated account in the estates test only
   * when neither changes what the other claims, names, changes or reads.
   */
  touches?: string[];
  /** Handles of reference resources the drift only reads (to find a VPC, a log bucket…) and leaves as they are. */
  uses?: string[];
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

const breakKeys = (drift: Drift) => drift.breaks.map((b) => ('handle' in b.resource ? `handle:${b.resource.handle}` : `named:${b.resource.contains}`));

/** What a drift changes: its `touches`, else the resources its breaks name (keys as `handle:…` or `named:…`). */
export function driftChanges(drift: Drift): Set<string> {
  return new Set(drift.touches ? drift.touches.map((key) => `handle:${key}`) : breakKeys(drift));
}

/** Everything a drift depends on: what it changes, what its breaks name and what it reads. */
export function driftResources(drift: Drift): Set<string> {
  return new Set([...driftChanges(drift), ...breakKeys(drift), ...(drift.uses ?? []).map((key) => `handle:${key}`)]);
}

/**
 * A change to `changed` interferes with `other`: the same resource, unless both name different attributes
 * of it — or `other` is a plain read of a resource whose attribute is changed (an id stays an id).
 */
export function interferes(changed: string, other: string): boolean {
  const [resource, attribute] = changed.split('#');
  const [otherResource, otherAttribute] = other.split('#');
  if (resource !== otherResource) return false;
  if (attribute === undefined) return true;
  return otherAttribute === attribute;
}

/** The same handles, with every key read recorded (what a drift really touched). */
export function recordingHandles(handles: Map<string, string>, reads: Set<string>): Map<string, string> {
  return new Proxy(handles, {
    get(target, property) {
      if (property === 'get') return (key: string) => (reads.add(key), target.get(key));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
