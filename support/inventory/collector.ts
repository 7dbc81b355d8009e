import type { PostureConfig } from '../config/schema';
import type { AccountAccess } from '../target/accounts';
import type { ClientFactory } from '../target/clients';

/** Where one collection happens. */
export interface CollectContext {
  clients: ClientFactory;
  account: AccountAccess;
  /** For account-scoped collectors: the home region (first configured region). */
  region: string;
  config: PostureConfig;
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
