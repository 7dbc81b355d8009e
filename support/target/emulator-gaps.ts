import type { TargetSpec } from './target';

/** The tag of scenarios whose facts an emulator cannot hold (e.g. moto has no root user). */
export const EMULATOR_GAP_TAG = '@emulator-gap';

/**
 * Why a scenario cannot be verified on this target, or undefined when it can. An emulator that lacks the
 * facts (or answers them with fixed values) gives "not verified" — never a pass, and never a verdict
 * computed from placeholder data. Live accounts verify these scenarios like any other.
 */
export function emulatorGap(tags: readonly string[], target: TargetSpec): string | undefined {
  if (!tags.includes(EMULATOR_GAP_TAG) || target.kind === 'live') return undefined;
  return `the ${target.kind} target cannot show this control (the feature's narrative says why); it is verified on AWS and by the rule's table tests`;
}
