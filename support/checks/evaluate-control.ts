import { collectors } from '../inventory';
import type { InventoryTypes } from '../inventory/types';
import type { Control } from '../rules/control';
import { combineResults, type RuleResult } from '../rules/types';
import type { RunContext } from '../run/run-context';

/** The inventory a collector returns for the run's account: once per run per (account, region), cached. */
export function inventoryFor<K extends keyof InventoryTypes>(run: RunContext, name: K, region: string): Promise<InventoryTypes[K]> {
  const collector = collectors[name];
  return run.inventory.get(`${run.account.accountId}|${region}|${name}`, () =>
    collector.collect({
      clients: run.reads,
      account: run.account,
      region,
      config: run.config,
      inventory: (other, otherRegion) => inventoryFor(run, other, otherRegion ?? (collectors[other].scope === 'account' ? run.homeRegion : region)),
    }),
  ) as Promise<InventoryTypes[K]>;
}

/** The regions a collector is asked in: once (home region) for account-wide services, else each audited region. */
export function regionsFor(run: RunContext, name: keyof InventoryTypes): string[] {
  return collectors[name].scope === 'account' ? [run.homeRegion] : run.regions;
}

/** Evaluate a control over every scope of the run and combine. A rule that throws fails the scenario. */
export async function evaluateControl<K extends keyof InventoryTypes>(run: RunContext, control: Control<K>): Promise<RuleResult> {
  const results = await Promise.all(
    regionsFor(run, control.inventory).map(async (region) => {
      const inventory = await inventoryFor(run, control.inventory, region);
      const scopeRegion = collectors[control.inventory].scope === 'account' ? 'global' : region;
      return control.evaluate(inventory, { account: run.account.accountId, region: scopeRegion, config: run.config });
    }),
  );
  return combineResults(results);
}
