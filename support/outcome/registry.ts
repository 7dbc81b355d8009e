import type { RuleMeta } from '../rules/types';

/**
 * One identity per control: a scenario that asserts a control carries exactly the control's CIS id and
 * severity as tags (or none of either, when the control has none). Returns what disagrees, if anything.
 */
export function controlTagMismatch(meta: RuleMeta, tags: readonly string[]): string | undefined {
  const values = (name: string) => tags.filter((t) => t.startsWith(`@${name}:`)).map((t) => t.slice(name.length + 2));
  const cis = values('cis');
  const severity = values('severity');
  const problems: string[] = [];
  const expectedCis = meta.cis ? [meta.cis] : [];
  if (cis.join(',') !== expectedCis.join(',')) problems.push(`@cis: tags [${cis.join(', ')}] but the control's CIS id is ${meta.cis ?? 'none'}`);
  if (severity.join(',') !== meta.severity) problems.push(`@severity: tags [${severity.join(', ')}] but the control's severity is ${meta.severity}`);
  return problems.length > 0 ? problems.join('; ') : undefined;
}
