import { wildcardMatch } from '../rules/policy-json';
import type { AnyControl } from '../rules/control';
import type { Finding, RuleMeta, RuleResult } from '../rules/types';
import type { Waiver, WaiverSet } from './waivers';

/** A finding accepted by a waiver: shown in the report with the waiver's reason, never failing. */
export interface WaivedFinding extends Finding {
  waiver: { control: string; resource: string; account?: string; reason: string; owner: string; expires: string; file: string };
}

/** Which control a finding belongs to: a waiver may name its CIS id, control id, title or scenario. */
export interface WaiverSubject {
  meta: RuleMeta;
  scenario?: string;
}

export function controlMatches(waiver: Waiver, subject: WaiverSubject): boolean {
  const names = [subject.meta.cis, subject.meta.id, subject.meta.title, subject.scenario].filter((n): n is string => Boolean(n));
  return names.some((name) => name.toLowerCase() === waiver.control.toLowerCase());
}

/** `*` any run of characters, `?` exactly one; everything else literal. */
export function arnPatternMatches(pattern: string, arn: string): boolean {
  return wildcardMatch(pattern, arn);
}

export function waiverFor(waivers: WaiverSet, subject: WaiverSubject, finding: Finding): Waiver | undefined {
  return waivers.waivers.find(
    (w) => controlMatches(w, subject) && (w.account === undefined || w.account === finding.account) && arnPatternMatches(w.resource, finding.resource),
  );
}

/**
 * Split findings into those that still count and those a waiver accepts; matched waivers are marked used.
 * Only findings move: unread scopes stay (a waiver cannot make an unread scope a pass).
 */
export function applyWaivers(waivers: WaiverSet, subject: WaiverSubject, result: RuleResult): { result: RuleResult; waived: WaivedFinding[] } {
  const active: Finding[] = [];
  const waived: WaivedFinding[] = [];
  for (const finding of result.findings) {
    const waiver = waiverFor(waivers, subject, finding);
    if (!waiver) {
      active.push(finding);
      continue;
    }
    waivers.markUsed(waiver);
    const { index: _index, ...fields } = waiver;
    waived.push({ ...finding, waiver: { ...fields, file: waivers.file } });
  }
  return { result: { ...result, findings: active }, waived };
}

/**
 * The same control with waivers applied in each (account, region) scope before results are combined,
 * so an unreadable region still makes the combined result not verified.
 */
export function withWaivers<C extends AnyControl>(control: C, waivers: WaiverSet | undefined, scenario?: string): { control: C; waived: WaivedFinding[] } {
  const waived: WaivedFinding[] = [];
  if (!waivers || waivers.waivers.length === 0) return { control, waived };
  const subject: WaiverSubject = { meta: control.meta, scenario };
  const wrapped: C = {
    ...control,
    evaluate: (inventory, context) => {
      const applied = applyWaivers(waivers, subject, control.evaluate(inventory, context));
      waived.push(...applied.waived);
      return applied.result;
    },
  };
  return { control: wrapped, waived };
}

export function describeWaived(finding: WaivedFinding): string {
  return `  - ${finding.resource} (account ${finding.account}, ${finding.region}): ${finding.problem} — waived until ${finding.waiver.expires} by ${finding.waiver.owner}: ${finding.waiver.reason}`;
}
