import type { PostureConfig } from '../config/schema';
import type { InventoryTypes } from '../inventory/types';
import type { RuleContext, RuleMeta, RuleResult } from './types';

/**
 * A control: metadata, the inventory it reads, and a pure evaluation of that inventory. The runner
 * evaluates it once per collected (account, region) and combines the results.
 */
export interface Control<K extends keyof InventoryTypes> {
  meta: RuleMeta;
  inventory: K;
  evaluate(inventory: InventoryTypes[K], context: RuleContext<PostureConfig>): RuleResult;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyControl = Control<any>;
