import { inventoryFor, regionsFor } from '../checks/evaluate-control';
import type { InventoryTypes } from '../inventory/types';
import type { RunContext } from './run-context';

/**
 * Start every collector the selected scenarios need as soon as the run is open, all at once: they
 * overlap instead of running one after another in scenario order. Calls stay bounded per service
 * (support/target/connections.ts). The collections are the run's cached ones: scenarios await the same
 * promises, and a failure surfaces in the scenario that reads it, not here.
 */
export function prefetchInventory(run: RunContext, names: readonly (keyof InventoryTypes)[]): void {
  if (run.unreachable) return;
  for (const name of names) {
    for (const region of regionsFor(run, name)) inventoryFor(run, name, region).catch(() => undefined);
  }
}
