import type { OutcomeRecord, ScenarioVerdict } from '../outcome/outcome';
import type { ScenarioOutcome } from '../run/run-cucumber';
import { failureMessage, waivedMessage } from './verdict';
import { redactText } from './redact';

const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** What JUnit says for one verdict: non-compliant is a failure, not verified an error, n/a a skip. */
function body(verdict: ScenarioVerdict, records: readonly OutcomeRecord[], message: string | undefined): string {
  const first = records.find((r) => r.outcome.kind === verdict);
  switch (verdict) {
    case 'non-compliant':
      return `<failure type="non-compliant" message="${xml(first?.control.title ?? 'non-compliant')}">${xml(first ? (failureMessage(first) ?? '') : '')}</failure>`;
    case 'not-verified':
      return `<error type="not-verified" message="${xml(first?.control.title ?? 'not verified')}">${xml(first ? (failureMessage(first) ?? '') : '')}</error>`;
    case 'not-applicable':
      return `<skipped message="${xml(`not applicable: ${first?.notApplicable ?? ''}`)}"/>`;
    case 'skipped':
      return '<skipped message="not run"/>';
    case 'waived':
      return first ? `<system-out>${xml(waivedMessage(first))}</system-out>` : '';
    case 'suite-error':
      return `<error type="suite-error" message="suite error">${xml((message ?? '').split('\n').slice(0, 20).join('\n'))}</error>`;
    default:
      return '';
  }
}

/** JUnit XML from the scenarios' verdicts (decided by their outcome records, never by a message). */
export function junitXml(scenarios: readonly ScenarioOutcome[], suite = 'aws-posture'): string {
  const count = (verdicts: ScenarioVerdict[]) => scenarios.filter((s) => verdicts.includes(s.verdict)).length;
  const cases = scenarios.map((s) => {
    const inner = body(s.verdict, s.records, s.message);
    const name = `name="${xml(s.name)}" classname="${xml(s.uri)}"`;
    return inner ? `    <testcase ${name}>\n      ${inner}\n    </testcase>` : `    <testcase ${name}/>`;
  });
  return redactText(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${xml(suite)}" tests="${scenarios.length}" failures="${count(['non-compliant'])}" errors="${count(['not-verified', 'suite-error'])}" skipped="${count(['not-applicable', 'skipped'])}">`,
      `  <testsuite name="${xml(suite)}" tests="${scenarios.length}" failures="${count(['non-compliant'])}" errors="${count(['not-verified', 'suite-error'])}" skipped="${count(['not-applicable', 'skipped'])}">`,
      ...cases,
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
}
