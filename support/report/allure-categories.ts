import type { ScenarioVerdict } from '../outcome/outcome';

/**
 * The first line of every result's trace, set by the formatter from the outcome record: categories.json
 * matches this marker and the status, never the wording of a message.
 */
export function outcomeMarker(verdict: ScenarioVerdict): string {
  return `aws-posture outcome: ${verdict}`;
}

const marked = (verdict: ScenarioVerdict) => `(?s)${outcomeMarker(verdict).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b.*`;

/** categories.json: the outcomes a reader must tell apart (Allure matches status and the whole trace). */
export const POSTURE_CATEGORIES = [
  { name: 'Non-compliant findings', description: 'A control does not hold: each finding names the resource and why.', matchedStatuses: ['failed'], traceRegex: marked('non-compliant') },
  { name: 'Not verified (could not read)', description: 'The suite could not read what the control needs (AccessDenied, service missing): never a pass.', matchedStatuses: ['broken'], traceRegex: marked('not-verified') },
  { name: 'Waived', description: 'Every finding of the control is accepted by a waiver (reason, owner, expiry in the message).', matchedStatuses: ['passed'], traceRegex: marked('waived') },
  { name: 'Not applicable', description: 'Nothing the control is about exists here; the message says why.', matchedStatuses: ['skipped'], traceRegex: marked('not-applicable') },
  { name: 'Suite errors', description: 'The suite itself went wrong: a crash, an undefined step, a failed hook, an exam fact the emulator contradicts.', matchedStatuses: ['broken', 'failed', 'unknown'], traceRegex: marked('suite-error') },
];
