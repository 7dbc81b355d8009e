import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { OutcomeRecord, ScenarioVerdict } from '../outcome/outcome';
import type { ScenarioOutcome } from '../run/run-cucumber';
import { SUITE_VERSION } from './environment';

/** One scenario as SARIF needs it: where it is written, its verdict, the outcome records it attached. */
export interface SarifScenario {
  name: string;
  uri: string; // feature file, relative to the repository root
  line: number;
  verdict: ScenarioVerdict;
  records: OutcomeRecord[];
}

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning ranks security results by this score (0–10). */
const SECURITY_SEVERITY: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const fingerprint = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/**
 * SARIF 2.1.0 for code-scanning dashboards: one rule per control that ran, one result per non-compliant
 * resource (located at the scenario that checks it, the ARN as logical location), waived findings as
 * suppressed results, and one warning per control that could not be verified (property verdict: not-verified).
 */
export function buildSarif(scenarios: readonly SarifScenario[], cisLink?: (id: string) => string): object {
  const rules = new Map<string, object>();
  const results: object[] = [];
  for (const scenario of scenarios) {
    const location = { physicalLocation: { artifactLocation: { uri: scenario.uri, uriBaseId: '%SRCROOT%' }, region: { startLine: scenario.line } } };
    for (const evidence of scenario.records) {
      const { control } = evidence;
      if (!rules.has(control.id)) rules.set(control.id, sarifRule(control, scenario.name, cisLink));
      const level = LEVEL[control.severity] ?? 'warning';
      for (const finding of evidence.findings) {
        results.push({
          ruleId: control.id,
          level,
          kind: 'fail',
          message: { text: `${finding.resource} (account ${finding.account}, ${finding.region}): ${finding.problem}` },
          locations: [{ ...location, logicalLocations: [{ fullyQualifiedName: finding.resource, kind: 'resource' }] }],
          partialFingerprints: { 'postureFinding/v1': fingerprint(control.id, finding.account, finding.resource) },
          properties: { verdict: 'non-compliant', account: finding.account, region: finding.region, scenario: scenario.name },
        });
      }
      for (const finding of evidence.waived ?? []) {
        results.push({
          ruleId: control.id,
          level,
          kind: 'fail',
          message: { text: `${finding.resource} (account ${finding.account}, ${finding.region}): ${finding.problem}` },
          locations: [{ ...location, logicalLocations: [{ fullyQualifiedName: finding.resource, kind: 'resource' }] }],
          partialFingerprints: { 'postureFinding/v1': fingerprint(control.id, finding.account, finding.resource) },
          suppressions: [{ kind: 'external', status: 'accepted', justification: `waived until ${finding.waiver.expires} by ${finding.waiver.owner}: ${finding.waiver.reason}` }],
          properties: { verdict: 'waived', account: finding.account, region: finding.region, scenario: scenario.name },
        });
      }
      if (evidence.unread.length > 0) {
        results.push({
          ruleId: control.id,
          // SARIF allows a level other than 'none' only with kind 'fail'; not verified is never a pass.
          level: 'warning',
          kind: 'fail',
          message: { text: `NOT VERIFIED in account ${evidence.account}: could not read ${evidence.unread.slice(0, 5).join('; ')}${evidence.unread.length > 5 ? ` and ${evidence.unread.length - 5} more` : ''}` },
          locations: [location],
          partialFingerprints: { 'postureFinding/v1': fingerprint(control.id, evidence.account, 'not-verified') },
          properties: { verdict: 'not-verified', account: evidence.account, scenario: scenario.name },
        });
      }
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aws-posture', semanticVersion: SUITE_VERSION.split(' ').pop(), informationUri: 'https://www.cisecurity.org/benchmark/amazon_web_services', rules: [...rules.values()] } },
        invocations: [{ executionSuccessful: !scenarios.some((s) => s.verdict === 'suite-error') }],
        results,
      },
    ],
  };
}

function sarifRule(control: OutcomeRecord['control'], scenario: string, cisLink?: (id: string) => string): object {
  const tags = ['security', ...(control.domain ? [control.domain] : []), ...(control.cis ? [`CIS ${control.cis}`] : [])];
  return {
    id: control.id,
    name: control.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: control.title },
    fullDescription: { text: control.rationale ?? scenario },
    help: { text: control.remediation ?? `See the scenario "${scenario}".` },
    ...(control.cis && cisLink ? { helpUri: cisLink(control.cis) } : {}),
    defaultConfiguration: { level: LEVEL[control.severity] ?? 'warning' },
    properties: { tags, precision: 'very-high', 'security-severity': SECURITY_SEVERITY[control.severity] ?? '5.0', severity: control.severity, cis: control.cis ?? undefined, scenario },
  };
}

/** The line of `Scenario: <name>` in a feature file (1 when the file or the line is not found). */
export function scenarioLine(uri: string, name: string, read: (path: string) => string | undefined = readIfExists): number {
  const lines = (read(uri) ?? '').split('\n');
  const index = lines.findIndex((line) => /^\s*(Scenario|Scenario Outline|Example):/.test(line) && line.slice(line.indexOf(':') + 1).trim() === name);
  return index >= 0 ? index + 1 : 1;
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The audit's scenarios with their outcome records, as SARIF takes them. */
export function sarifScenarios(scenarios: readonly ScenarioOutcome[]): SarifScenario[] {
  return scenarios.map((s) => ({ name: s.name, uri: s.uri, line: scenarioLine(s.uri, s.name), verdict: s.verdict, records: s.records }));
}
