import type { Collected } from '../../inventory/collected';
import type { StorageInventory } from '../../inventory/types/storage';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

/**
 * A storage control over one kind of resource: each one in scope that fails `problem` is a finding. With
 * none in the region the control is compliant (nothing to hold to it); unread data is not verified.
 */
export function perResource<T extends { arn: string; id: string }>(
  meta: RuleMeta,
  pick: (inventory: StorageInventory) => Collected<T[]>,
  problem: (resource: T, config: Parameters<Control<'storage'>['evaluate']>[1]['config']) => string | null,
  evidence: (resource: T) => object,
  inScope: (resource: T, config: Parameters<Control<'storage'>['evaluate']>[1]['config']) => boolean = () => true,
): Control<'storage'> {
  return {
    meta,
    inventory: 'storage',
    evaluate(inventory, { account, region, config }) {
      const resources = pick(inventory);
      if (resources.kind === 'not-collected') return notVerified(resources.reason);
      const scoped = resources.value.filter((r) => inScope(r, config));
      const findings: Finding[] = scoped.flatMap((r) => {
        const why = problem(r, config);
        return why ? [{ resource: r.arn, account, region, problem: `${r.id}: ${why}` }] : [];
      });
      return verdictFrom({ findings, checked: scoped.length, evidence: { region, resources: scoped.map(evidence) } });
    },
  };
}
