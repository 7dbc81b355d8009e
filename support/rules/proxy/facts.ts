import { AddressSet } from '../../evaluators/squid/address-set';
import { describeLine, parseSquidConf } from '../../evaluators/squid/parse';
import type { SquidConfig } from '../../evaluators/squid/types';
import type { Collected } from '../../inventory/collected';
import type { ProxyInstance, ProxyInventory, SquidConfText } from '../../inventory/types/proxy';
import { notApplicable, notVerified, type RuleResult } from '../types';

export { LOOPBACK } from '../../evaluators/squid/evaluate';

const parsedByText = new WeakMap<SquidConfText, SquidConfig>();

/** squid.conf as Squid reads it, includes taken from what the collector read (pure). */
export function parsedConf(conf: SquidConfText): SquidConfig {
  let parsed = parsedByText.get(conf);
  if (!parsed) {
    parsed = parseSquidConf(conf.text, { name: conf.source, readInclude: (pattern) => conf.includes[pattern] });
    parsedByText.set(conf, parsed);
  }
  return parsed;
}

export function vpcSet(cidrs: string[]): AddressSet {
  return cidrs.reduce((set, cidr) => set.union(AddressSet.parse(cidr)), AddressSet.empty);
}

/** The instances and the parsed config, or the verdict that says why there is nothing to judge. */
export function proxyFacts(inventory: ProxyInventory, needsConf = true): { instances: ProxyInstance[]; conf?: SquidConfText; config?: SquidConfig } | RuleResult {
  if (inventory.instances.kind === 'not-collected') return notVerified(inventory.instances.reason);
  const instances = inventory.instances.value;
  if (instances.length === 0) {
    return notVerified(`no EC2 instance tagged ${inventory.tag.key}=${inventory.tag.value} in ${inventory.regions.join(', ')}: the posture config names a forward proxy that cannot be found`);
  }
  if (!needsConf) return { instances };
  if (inventory.squidConf.kind === 'not-collected') return notVerified(inventory.squidConf.reason);
  return { instances, conf: inventory.squidConf.value, config: parsedConf(inventory.squidConf.value) };
}

/** proxyFacts gave a result (nothing to judge) rather than facts. */
export function isVerdict(value: { instances: ProxyInstance[] } | RuleResult): value is RuleResult {
  return !('instances' in value && Array.isArray(value.instances));
}

/** The first few items and how many more: message lines stay short; the full list is in evidence. */
export function listSome(items: readonly string[], shown = 5, separator = ', '): string {
  return items.length <= shown ? items.join(separator) : `${items.slice(0, shown).join(separator)} and ${items.length - shown} more`;
}

/**
 * Includes and acl files that could not be read, as ONE short reason (the first two and a count): a
 * thrown message line with many quotes costs cucumber's error formatter seconds. All are in evidence.
 */
export function unresolvedReasons(config: SquidConfig): string[] {
  return config.unresolved.length === 0 ? [] : [listSome(config.unresolved.map((u) => `${describeLine(u.at)}: ${u.problem}`), 2, '; ')];
}

/** A message line quoted from Squid's own output: short, and without double quotes. */
export function squidMessages(messages: readonly string[]): string {
  return listSome(messages.map((m) => m.replaceAll('"', "'").slice(0, 150)), 2, ' | ');
}

/** Lines Squid 5.7 reads and ignores, as warnings for the evidence. */
export function skippedLines(config: SquidConfig): string[] {
  return config.skipped.map((s) => `${describeLine(s.at)}: ${s.problem}`);
}

export function reasons(...pieces: Collected<unknown>[]): string[] {
  return pieces.flatMap((p) => (p.kind === 'not-collected' ? [p.reason] : []));
}

export { notApplicable };
