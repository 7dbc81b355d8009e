/**
 * The five things a scenario can say about the estate. Failure messages start with the first words
 * verdict.ts gives them ('NON-COMPLIANT:' / 'NOT VERIFIED:'); a scenario whose findings were all waived
 * passes and carries a note starting with 'WAIVED:' (see verdict.ts waivedNote). Anything else that did
 * not pass is the suite's own error (a crash, an undefined step, a failed hook, a wrong exam fact).
 */
export type Outcome = 'passed' | 'non-compliant' | 'not-verified' | 'waived' | 'skipped' | 'suite-error';

export const OUTCOMES: readonly Outcome[] = ['passed', 'non-compliant', 'not-verified', 'waived', 'skipped', 'suite-error'];

export const VERDICT_PREFIX = {
  'non-compliant': 'NON-COMPLIANT:',
  'not-verified': 'NOT VERIFIED:',
  waived: 'WAIVED:',
} as const;

/** An error name may come first ("ControlFailure: NON-COMPLIANT: ..."), as cucumber and Allure print it. */
const LEADING_ERROR_NAME = /^(?:\w+(?: \[\w+\])?: )?/;

export function verdictOfMessage(message: string | undefined): 'non-compliant' | 'not-verified' | 'waived' | undefined {
  if (!message) return undefined;
  const text = message.trimStart();
  for (const candidate of [text, text.replace(LEADING_ERROR_NAME, '')]) {
    for (const [outcome, prefix] of Object.entries(VERDICT_PREFIX)) {
      if (candidate.startsWith(prefix)) return outcome as keyof typeof VERDICT_PREFIX;
    }
  }
  return undefined;
}

/** Status words of cucumber (lower case) and Allure (passed/failed/broken/skipped/unknown) both work. */
export function classifyOutcome(status: string, message: string | undefined, waived = false): Outcome {
  const verdict = verdictOfMessage(message);
  switch (status.toLowerCase()) {
    case 'passed':
      return waived || verdict === 'waived' ? 'waived' : 'passed';
    case 'skipped':
      return verdict === 'waived' ? 'waived' : 'skipped';
    case 'failed':
    case 'broken':
      return verdict ?? 'suite-error';
    default:
      // undefined, ambiguous, pending, unknown: the suite could not run this scenario as written
      return 'suite-error';
  }
}

/** The @domain: tag of a scenario (feature tags are inherited by pickles), else the features/<domain>/ folder. */
export function domainOf(tags: readonly string[], uri = ''): string {
  const tag = tags.find((t) => t.startsWith('@domain:'));
  if (tag) return tag.slice('@domain:'.length);
  const folder = /(?:^|\/)features\/([^/]+)\//.exec(uri.replace(/\\/g, '/'));
  return folder ? folder[1] : 'other';
}

export function tagValues(tags: readonly string[], name: string): string[] {
  const prefix = `@${name}:`;
  return tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
}
