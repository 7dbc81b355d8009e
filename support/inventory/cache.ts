/**
 * Inventory is collected once per run per (account, region, collector) and shared by every scenario.
 * The promise is cached, so scenarios that ask at the same time wait for the same collection.
 */
export class InventoryCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private readonly timings: { key: string; ms: number }[] = [];

  get<T>(key: string, collect: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      const started = Date.now();
      entry = collect().finally(() => this.timings.push({ key, ms: Date.now() - started }));
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** How long each collection took (benchmark and progress output). */
  collectionTimes(): readonly { key: string; ms: number }[] {
    return this.timings;
  }
}

/** Run async work over items with at most `limit` in flight, keeping order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}
