import type { PostureConfig } from '../config/schema';
import type { AccountAccess } from '../target/accounts';
import type { ClientFactory } from '../target/clients';
import type { InventoryTypes } from './types';

/** Where one collection happens. */
export interface CollectContext {
  clients: ClientFactory;
  account: AccountAccess;
  /** For account-scoped collectors: the home region (first configured region). */
  region: string;
  config: PostureConfig;
  /**
   * Another collector's inventory for the same account (cached once per run): how a collector builds
   * on what another domain already read instead of reading it again. Default region: this one.
   */
  inventory<K extends keyof InventoryTypes>(name: K, region?: string): Promise<InventoryTypes[K]>;
}

/**
 * A collector, declared as data: its name, whether it runs once per account or once per region, and the
 * read. It catches only the errors that mean "absent" and records every other failure as not collected.
 */
export interface Collector<T> {
  name: string;
  scope: 'account' | 'region';
  collect(ctx: CollectContext): Promise<T>;
}

/** Read every page of a paginator into one array. The only pagination path collectors use. */
export async function allPages<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}
