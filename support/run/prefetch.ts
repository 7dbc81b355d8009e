import { inventoryFor, regionsFor } from '../checks/evaluate-control';
import type { InventoryTypes } from '../inventory/types';
import type { RunContext } from './run-context';

/** Started first: the collector with the most calls per resource keeps the emulator or AWS busy soonest. */
const FIRST: readonly (keyof InventoryTypes)[] = ['s3', 'iam'];

/**
 * Start every collector the selected scenarios need as soon as the run is open: they overlap instead of
 * running one after another in scenario order. Calls stay bounded per service
 * (support/target/connections.ts). One collector starts per turn of the event loop, the busiest first:
 * loading a collector's SDK client (up to 2 MB of JavaScript) does not hold back the calls of those
 * already started. The collections are the run's cached ones: scenarios await the same promises, and a
 * failure surfaces in the scenario that reads it, not here.
 */
export function prefetchInventory(run: RunContext, names: readonly (keyof InventoryTypes)[]): void {
  if (run.unreachable) return;
  const ordered = [...FIRST.filter((name) => names.includes(name)), ...names.filter((name) => !FIRST.includes(name))];
  const startNext = (index: number) => {
    const name = ordered[index];
    if (name === undefined) return;
    for (const region of regionsFor(run, name)) inventoryFor(run, name, region).catch(() => undefined);
    setImmediate(() => startNext(index + 1));
  };
  startNext(0);
}
