import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CucumberOutcome } from '../../support/run/run-cucumber';
import { EMULATOR_GAP_TAG } from '../../support/target/emulator-gaps';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';
import { auditAccount, provisionAccount, scenarioKey, verdictDifferences, verdictsOf } from '../helpers/fault-audit';
import { randomFaults, startFaultProxy, type FaultProxy, type FaultPolicy } from '../helpers/fault-proxy';

/**
 * Faults never change a verdict. The reference estate is provisioned once (straight into the emulator)
 * and audited through a loopback proxy that injects what AWS does under load or without permission:
 * (a) 30 % of requests throttled or reset → every verdict equals the clean run's;
 * (b) AccessDenied on every operation one collector makes → that domain's scenarios are NOT VERIFIED,
 *     naming the operation, and none passes.
 */
const FAULT_RATE = 0.3;
/** While working on it: POSTURE_FAULTS_FILTER=throttling (a) or a domain name (b) runs only the matching tests. */
const FILTER = process.env.POSTURE_FAULTS_FILTER;
const wanted = (name: string) => !FILTER || name.includes(FILTER);

/** The AWS services (SigV4 signing names) each domain's collector reads; STS stays reachable throughout. */
const COLLECTOR_SERVICES: Record<string, string[]> = {
  s3: ['s3'],
  network: ['ec2'],
  iam: ['iam', 'access-analyzer', 'ec2', 'organizations'], // instances (instance roles) and the organization (access analyzer zone of trust)
  organizations: ['organizations'],
  logging: ['cloudtrail', 'kms', 'config', 's3', 'ec2', 'securityhub'], // flow logs (EC2) and Security Hub
  proxy: ['ec2', 's3', 'ssm'],
  sites: ['cloudfront', 's3'],
  ec2: ['ec2'],
  storage: ['rds', 'elasticfilesystem'],
};

/** A collector's read refused: "<Operation> (<region>): AccessDenied…" (each protocol has its own code for it). */
const NAMES_DENIED_OPERATION = /\b[A-Z][a-z]+[A-Z][A-Za-z0-9]+\b[^:\n]*: (AccessDenied|AccessDeniedException|UnauthorizedOperation)\b/;

describe('faults never change a verdict', { concurrency: 6 }, () => {
  const account = testAccount(901);
  let endpoint: string;
  let clean: CucumberOutcome;

  before(async () => {
    endpoint = await testEmulatorEndpoint();
    const started = Date.now();
    await provisionAccount(endpoint, 'reference', account);
    const provisioned = Date.now();
    clean = await auditAccount(endpoint, account, { estate: 'reference' });
    process.stderr.write(`reference provisioned in ${(provisioned - started) / 1000} s, clean audit ${(Date.now() - provisioned) / 1000} s\n`);
    assert.ok(clean.scenarios.length > 0, 'the clean audit ran scenarios');
  });

  async function through<T>(policy: FaultPolicy, audit: (proxy: FaultProxy) => Promise<T>): Promise<{ result: T; proxy: FaultProxy }> {
    const proxy = await startFaultProxy(endpoint, policy);
    try {
      return { result: await audit(proxy), proxy };
    } finally {
      await proxy.close();
    }
  }

  const faultsName = `(a) ${FAULT_RATE * 100} % throttling and connection resets: every verdict equals the clean run, no crash`;
  if (wanted(faultsName)) test(faultsName, async () => {
    const started = Date.now();
    const { result: faulty, proxy } = await through(randomFaults(FAULT_RATE), (p) => auditAccount(p.endpoint, account, { estate: 'reference' }));
    assert.deepEqual(faulty.hookErrors, []);
    // Seeded: the same share of faults every run (about 20 % throttled, 10 % reset); the bar leaves room for retries.
    const requests = proxy.counts.forwarded + proxy.counts.throttle + proxy.counts.reset;
    assert.ok(proxy.counts.throttle >= 0.15 * requests && proxy.counts.reset >= 0.07 * requests, `faults injected: ${JSON.stringify(proxy.counts)}`);
    assert.deepEqual(verdictDifferences(clean, faulty), [], 'verdicts that changed under faults');
    process.stderr.write(`faulty reference audit: ${(Date.now() - started) / 1000} s, ${JSON.stringify(proxy.counts)}\n`);
  });

  for (const [domain, services] of Object.entries(COLLECTOR_SERVICES)) {
    if (!wanted(`(b) ${domain}`)) continue;
    test(`(b) AccessDenied on every ${services.join('/')} operation: the ${domain} scenarios are NOT VERIFIED naming the operation, none passes`, async () => {
      const deny: FaultPolicy = (request) => (services.includes(request.service) ? 'deny' : undefined);
      const { result: denied, proxy } = await through(deny, (p) => auditAccount(p.endpoint, account, { tags: `@domain:${domain} and not @exam`, estate: 'reference' }));
      assert.ok(proxy.counts.deny > 0, 'requests were refused');
      assert.ok(denied.scenarios.length > 0, `the ${domain} scenarios ran`);
      const verdicts = verdictsOf(denied);
      const problems: string[] = [];
      for (const scenario of denied.scenarios) {
        const verdict = verdicts.get(scenarioKey(scenario)) ?? classifyFirst(verdicts, scenarioKey(scenario));
        const message = (scenario.message ?? '').split('\n')[0].slice(0, 300);
        // A control the emulator cannot show is NOT VERIFIED for that reason already (as in the clean run).
        if (scenario.tags.includes(EMULATOR_GAP_TAG) && verdict === verdictsOf(clean).get(scenarioKey(scenario))) continue;
        if (verdict !== 'not-verified') problems.push(`${scenario.name}: ${verdict} ${message}`);
        else if (!NAMES_DENIED_OPERATION.test(scenario.message ?? '')) problems.push(`${scenario.name}: NOT VERIFIED without naming the refused operation: ${message}`);
      }
      assert.deepEqual(problems, [], `${domain} scenarios under AccessDenied`);
    });
  }
});

/** Repeated scenario names are numbered in verdictsOf; the first one stands for them here. */
function classifyFirst(verdicts: Map<string, string>, key: string): string {
  return verdicts.get(key) ?? [...verdicts.entries()].find(([k]) => k.startsWith(key))?.[1] ?? '(absent)';
}
