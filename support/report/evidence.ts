import { decideOutcome, type OutcomeRecord } from '../outcome/outcome';
import type { RuleMeta, RuleResult } from '../rules/types';
import type { RunContext } from '../run/run-context';
import type { WaivedFinding } from '../waivers/apply';
import { redact } from './redact';

/** The outcome record of one control in one scenario: decided here, once, after waivers; redacted. */
export function outcomeRecord(run: RunContext, meta: RuleMeta, scenario: string, result: RuleResult, waived: readonly WaivedFinding[] = []): OutcomeRecord {
  return redact({
    control: { ...meta },
    scenario,
    account: run.account.accountId,
    regions: [...run.regions],
    target: run.target.kind,
    outcome: decideOutcome(result, waived),
    findings: result.findings,
    waived: [...waived],
    unread: result.unread,
    examined: result.examined,
    ...(result.notApplicable !== undefined ? { notApplicable: result.notApplicable } : {}),
    details: result.evidence ?? null,
  });
}

export function jsonEvidence(value: unknown): string {
  return JSON.stringify(redact(value), null, 2);
}
