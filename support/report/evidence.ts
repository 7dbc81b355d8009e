import type { RuleMeta, RuleResult } from '../rules/types';
import type { RunContext } from '../run/run-context';
import { redact } from './redact';
import type { WaivedFinding } from '../waivers/apply';

/** The JSON attached to every scenario: what was examined, where, and what decided. Always redacted. */
export function controlEvidence(run: RunContext, meta: RuleMeta, result: RuleResult, waived: readonly WaivedFinding[] = []): string {
  return JSON.stringify(
    redact({
      control: { id: meta.id, title: meta.title, domain: meta.domain, cis: meta.cis ?? null, severity: meta.severity, rationale: meta.rationale, remediation: meta.remediation },
      account: run.account.accountId,
      regions: run.regions,
      target: run.target.kind,
      verdict: result.verdict === 'compliant' && waived.length > 0 ? 'waived' : result.verdict,
      findings: result.verdict === 'non-compliant' ? result.findings : [],
      waived, // findings accepted by a waiver (support/waivers), each with its waiver's reason, owner and expiry
      why: 'why' in result ? result.why : undefined,
      checked: 'checked' in result ? result.checked : undefined,
      examined: result.evidence,
    }),
    null,
    2,
  );
}

export function jsonEvidence(value: unknown): string {
  return JSON.stringify(redact(value), null, 2);
}

/** world.ts names each control's evidence attachment `<control id>.evidence.json`. */
export const EVIDENCE_SUFFIX = '.evidence.json';

/** controlEvidence as read back from an attachment (already redacted). */
export interface ControlEvidence {
  control: { id: string; title: string; domain?: string; cis: string | null; severity: string; rationale?: string; remediation?: string };
  account: string;
  regions: string[];
  target: string;
  verdict: string;
  findings: { resource: string; account: string; region: string; problem: string }[];
  waived?: { resource: string; account: string; region: string; problem: string; waiver: { reason: string; owner: string; expires: string } }[];
  why?: string;
  checked?: number;
}

export function parseControlEvidence(text: string | undefined): ControlEvidence | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ControlEvidence>;
    return value && typeof value.control?.id === 'string' && Array.isArray(value.findings) ? (value as ControlEvidence) : undefined;
  } catch {
    return undefined;
  }
}
