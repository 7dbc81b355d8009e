import { describeLine } from './parse';
import type { HeaderRule, SquidConfig } from './types';

export type Direction = 'request' | 'reply';

export interface HeaderVerdict {
  header: string;
  direction: Direction;
  stripped: boolean;
  because: string;
}

/** An acl list that matches every request: empty, or only "all". */
function matchesEverything(rule: HeaderRule): boolean {
  return rule.acls.every((a) => a.name === 'all' && !a.negated);
}

/**
 * Is this header removed from every message in this direction? Squid uses the first qualifying rule set:
 * the rules naming the header, else the rules for "All" (Via and X-Forwarded-For are well-known headers,
 * so "Other" never applies). Within the set, the first rule whose acls match decides; none → kept.
 * Only an unconditional deny, with no allow before it, removes the header for every request.
 */
export function headerStripped(config: SquidConfig, direction: Direction, header: string): HeaderVerdict {
  const rules = direction === 'request' ? config.requestHeaderAccess : config.replyHeaderAccess;
  const directive = `${direction}_header_access`;
  const named = rules.filter((r) => r.header.toLowerCase() === header.toLowerCase());
  const set = named.length > 0 ? named : rules.filter((r) => r.header.toLowerCase() === 'all');
  const verdict = (stripped: boolean, because: string): HeaderVerdict => ({ header, direction, stripped, because });

  if (direction === 'request' && header.toLowerCase() === 'x-forwarded-for' && config.forwardedFor?.value === 'delete') {
    return verdict(true, `${describeLine(config.forwardedFor.at)} deletes it`);
  }
  for (const rule of set) {
    if (rule.action === 'allow') return verdict(false, `${describeLine(rule.at)} lets it through${matchesEverything(rule) ? '' : ' for some requests'}`);
    if (matchesEverything(rule)) return verdict(true, `${describeLine(rule.at)} removes it`);
  }
  if (set.length > 0) return verdict(false, `the ${directive} rules for ${header} remove it only for some requests`);
  const skipped = config.skipped.find((s) => new RegExp(`^${directive}\\s+(${header}|all)\\s`, 'i').test(s.at.text));
  if (skipped) return verdict(false, `${describeLine(skipped.at)} has no acl, so Squid 5.7 skips it: nothing removes ${header}`);
  return verdict(false, `no ${directive} rule removes ${header}${direction === 'request' && header.toLowerCase() === 'x-forwarded-for' ? ` and forwarded_for is ${config.forwardedFor?.value ?? 'on (default)'}` : ''}`);
}

export const IDENTIFYING_HEADERS = ['X-Forwarded-For', 'Via'] as const;

/** Via and X-Forwarded-For, in requests and in replies. */
export function identifyingHeaders(config: SquidConfig): HeaderVerdict[] {
  return (['request', 'reply'] as Direction[]).flatMap((direction) => IDENTIFYING_HEADERS.map((header) => headerStripped(config, direction, header)));
}
