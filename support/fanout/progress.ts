import { InventoryCache } from '../inventory/cache';

export type ProgressLine = (line: string) => void;

/**
 * The inventory cache of one account's run that tells, on long runs, which account and region is being
 * read: one line when a collection starts in a new (account, region), one when each collection ends.
 * Keys are `<account>|<region>|<collector>` (support/checks/evaluate-control.ts).
 */
export class ProgressInventoryCache extends InventoryCache {
  private readonly regionsStarted = new Set<string>();

  constructor(
    private readonly progress: ProgressLine,
    private readonly label: (account: string) => string = (account) => `account ${account}`,
  ) {
    super();
  }

  override get<T>(key: string, collect: () => Promise<T>): Promise<T> {
    return super.get(key, () => {
      const [account, region, collector] = key.split('|');
      const where = `${this.label(account)} · ${region}`;
      if (!this.regionsStarted.has(`${account}|${region}`)) {
        this.regionsStarted.add(`${account}|${region}`);
        this.progress(`${where}: reading`);
      }
      const started = Date.now();
      return collect().finally(() => this.progress(`${where}: ${collector} read in ${seconds(Date.now() - started)}`));
    });
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
