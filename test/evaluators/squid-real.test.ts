import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AddressSet } from '../../support/evaluators/squid/address-set';
import { parseSquidConf } from '../../support/evaluators/squid/parse';
import { cannotRunReason, LISTEN_ADDRESS, rewriteForProbe, runRealSquid, usableClientAddress, type ProbeResult, type RealSquidOutcome } from '../../support/proxy/real-squid/harness';
import { probePlan, probesFor, requestsFor } from '../../support/proxy/real-squid/plan';
import { correctedTutorialConf, stockConf } from '../../support/proxy/tutorial';
import { judgeOutcome } from '../../support/rules/proxy/real-squid-behaviour';
import { findingsOf, verdictOf } from '../../support/rules/types';

const INSTANCE = { arn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0proxy', region: 'us-east-1' };
const reference = correctedTutorialConf({ vpcCidr: '10.0.0.0/16', port: 8080 });
const served = (address: string, extra: Partial<ProbeResult> = {}): ProbeResult => ({ label: 'inside', address, expect: 'served', status: 200, originSaw: { host: '203.0.113.80' }, replyHeaders: {}, ...extra });
const refused = (address: string, extra: Partial<ProbeResult> = {}): ProbeResult => ({ label: 'outside', address, expect: 'refused', status: 403, replyHeaders: {}, ...extra });
const ran = (...probes: ProbeResult[]): RealSquidOutcome => ({ kind: 'ran', squidVersion: '5.7', rewrites: [], proxyPort: 8080, probes });
const referenceConfig = parseSquidConf(reference, { name: 'reference' });
const problemsOf = (result: ReturnType<typeof judgeOutcome>) => findingsOf(result).map((f) => f.problem);
/** Why a result is not verified, whichever RuleResult shape ({why} today, {unread} after the outcome rework). */
const reasonsOf = (result: object): string[] => ('why' in result ? [String(result.why)] : 'unread' in result ? (result.unread as string[]) : []);

/** Squid 5.7 skips an access line with no acl: the open-proxy shape the issue found, and its header twin. */
const bareDeny = reference.replace('http_access deny all', 'http_access deny to_localhost\nhttp_access deny');
const bareViaDeny = reference.replace('request_header_access Via deny all', 'request_header_access Via deny');
/** Debian's stock localnet lines (8 ranges, inline comments) in front of the reference file's rules. */
const debianLocalnet = stockConf('debian').split('\n').filter((l) => /^acl localnet src/.test(l)).join('\n');
const debianLines = reference.replace(/^acl localnet src .*$/m, debianLocalnet);

describe('real Squid: judging what happened', () => {
  const cases: { name: string; outcome: RealSquidOutcome; verdict: string; says?: RegExp[] }[] = [
    { name: 'inside served, outside 403, nothing identifying', outcome: ran(served('10.0.1.10'), refused('192.0.2.10')), verdict: 'compliant' },
    { name: 'this machine cannot run it: not verified, never passed', outcome: { kind: 'cannot-run', reason: 'network namespaces need root' }, verdict: 'not-verified', says: [/cannot run on this machine: network namespaces need root/] },
    { name: 'Squid refuses the config', outcome: { kind: 'refused-config', squidVersion: '5.7', rewrites: [], messages: ["squid.conf(59): unrecognized: 'http_port8080'"] }, verdict: 'non-compliant', says: [/Squid 5\.7 refuses the configuration: .*http_port8080/] },
    { name: 'an outside client served', outcome: ran(served('10.0.1.10'), refused('192.0.2.10', { status: 200, originSaw: { host: 'x' } })), verdict: 'non-compliant', says: [/client 192\.0\.2\.10 outside was not refused with 403: HTTP 200, and the origin received its request/] },
    { name: 'the inside client refused', outcome: ran(served('10.0.1.10', { status: 403, originSaw: undefined }), refused('192.0.2.10')), verdict: 'non-compliant', says: [/client 10\.0\.1\.10 inside was not served: HTTP 403/] },
    { name: 'no answer at all', outcome: ran(served('10.0.1.10', { status: undefined, originSaw: undefined, error: 'ECONNREFUSED' }), refused('192.0.2.10')), verdict: 'non-compliant', says: [/not served: no answer \(ECONNREFUSED\)/] },
    { name: 'the origin saw Via and X-Forwarded-For', outcome: ran(served('10.0.1.10', { originSaw: { via: '1.1 proxy (squid/5.7)', 'x-forwarded-for': 'unknown' } }), refused('192.0.2.10')), verdict: 'non-compliant', says: [/origin received via: 1\.1 proxy/, /origin received x-forwarded-for: unknown/] },
    { name: 'the client got the origin Via back', outcome: ran(served('10.0.1.10', { replyHeaders: { via: '1.1 origin' } }), refused('192.0.2.10')), verdict: 'non-compliant', says: [/received via: 1\.1 origin in the reply/] },
    {
      name: 'every port and method Squid and the evaluator agree on',
      outcome: ran(served('10.0.1.10', { answers: [{ method: 'GET', port: 80, status: 200 }, { method: 'CONNECT', port: 443, status: 503 }, { method: 'CONNECT', port: 80, status: 403 }, { method: 'GET', port: 22, status: 403 }] }), refused('192.0.2.10', { answers: [{ method: 'GET', port: 80, status: 403 }, { method: 'CONNECT', port: 443, status: 403 }] })),
      verdict: 'compliant',
    },
    {
      name: 'an outside client let through on another port: a posture finding and a disagreement naming both',
      outcome: ran(served('10.0.1.10'), refused('192.0.2.10', { answers: [{ method: 'GET', port: 80, status: 403 }, { method: 'GET', port: 443, status: 503 }] })),
      verdict: 'non-compliant',
      says: [/client 192\.0\.2\.10 outside was not refused with 403 on GET :443 \(HTTP 503\)/, /disagree on GET :443 from 192\.0\.2\.10: Squid lets it through \(HTTP 503\), the evaluator says deny by .*"http_access deny all"/],
    },
    {
      name: 'Squid denies what the evaluator allows (inside, CONNECT :443): a disagreement',
      outcome: ran(served('10.0.1.10', { answers: [{ method: 'GET', port: 80, status: 200 }, { method: 'CONNECT', port: 443, status: 403 }] }), refused('192.0.2.10')),
      verdict: 'non-compliant',
      says: [/disagree on CONNECT :443 from 10\.0\.1\.10: Squid denies it \(HTTP 403\), the evaluator says allow by .*"http_access allow localnet"/],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = judgeOutcome(c.outcome, INSTANCE, '111122223333', referenceConfig);
      assert.equal(verdictOf(result), c.verdict);
      const lines = verdictOf(result) === 'non-compliant' ? problemsOf(result) : reasonsOf(result);
      (c.says ?? []).forEach((pattern, i) => assert.match(lines[i] ?? '', pattern, lines.join('\n')));
      assert.ok(lines.every((l) => l.length < 400), 'finding lines stay short (long text goes to evidence)');
    });
  }
});

describe('real Squid: which clients to send', () => {
  test('one inside the VPC and a documentation address outside it', () => {
    assert.deepEqual(probesFor(['10.0.0.0/16'], AddressSet.empty).map((p) => [p.address, p.expect]), [['10.0.1.10', 'served'], ['192.0.2.10', 'refused']]);
  });
  test('plus one in each range the evaluator finds served beyond the VPC', () => {
    const beyond = AddressSet.parse('10.0.0.0/8').subtract(AddressSet.parse('10.0.0.0/16'));
    assert.deepEqual(probesFor(['10.0.0.0/16'], beyond).map((p) => p.address), ['10.0.1.10', '192.0.2.10', '10.1.0.10']);
  });
  test('each client also tries one or two shapes of every answer the evaluator gives it (port, method, deciding line)', () => {
    const outside = requestsFor(referenceConfig, '192.0.2.10', 8080).map((r) => `${r.method} :${r.port}`);
    // deny !Safe_ports (port 1), deny CONNECT !SSL_ports (CONNECT :1 is unsafe first; CONNECT :80), deny all (GET :21? no: 443)
    assert.ok(outside.some((r) => /^GET :(1|22)$/.test(r)), outside.join(', '));
    assert.ok(outside.some((r) => r.startsWith('CONNECT')), outside.join(', '));
    assert.ok(outside.includes('GET :443') || outside.includes('CONNECT :443'), outside.join(', '));
    assert.ok(outside.length <= 15 && !outside.includes('GET :80'));
    const inside = requestsFor(referenceConfig, '10.0.1.10', 8080).map((r) => `${r.method} :${r.port}`);
    assert.ok(inside.includes('CONNECT :443') || inside.includes('GET :443'), inside.join(', '));
  });
  test('the plan: the bare "http_access deny" open proxy adds clients in the ranges it serves', () => {
    const plan = probePlan(parseSquidConf(bareDeny), ['10.0.0.0/16']);
    assert.ok(plan.length >= 3, JSON.stringify(plan.map((p) => p.address)));
  });
  test('never an address the kernel would drop as a source', () => {
    const beyond = AddressSet.everything.subtract(AddressSet.parse('10.0.0.0/16'));
    const addresses = probesFor(['10.0.0.0/16'], beyond).map((p) => p.address);
    assert.ok(addresses.every((a) => a === '192.0.2.10' || usableClientAddress(a)), addresses.join(', '));
    assert.equal(usableClientAddress('0.0.0.10'), false);
    assert.equal(usableClientAddress('127.0.0.5'), false);
  });
  test('the config is rewritten only in its listening address and temporary paths', () => {
    const { text, rewrites } = rewriteForProbe('http_port 8080 name=proxy\ncoredump_dir /var/spool/squid\nhttp_access deny all\n', '/tmp/x');
    assert.match(text, new RegExp(`^http_port ${LISTEN_ADDRESS}:8080 name=proxy$`, 'm'));
    assert.match(text, /^# coredump_dir \/var\/spool\/squid$/m);
    assert.match(text, /^http_access deny all$/m);
    assert.equal(rewrites.length, 3);
  });
});

// Runs Squid itself: needs root, iproute2 and squid (CI has them). Elsewhere the scenario reports "not verified".
const unavailable = cannotRunReason();
describe('real Squid 5 in network namespaces', { skip: unavailable ? `cannot run here: ${unavailable}` : false, timeout: 120_000 }, () => {
  const probes = probePlan(referenceConfig, ['10.0.0.0/16']);
  test('the reference config: the VPC client is served, the outside client gets 403, nothing identifying passes', async () => {
    const outcome = await runRealSquid({ flattenedConf: reference, probes });
    assert.equal(outcome.kind, 'ran', JSON.stringify(outcome));
    assert.equal(verdictOf(judgeOutcome(outcome, INSTANCE, '111122223333', referenceConfig)), 'compliant', JSON.stringify(outcome, null, 1));
  });
  test('"allow all" with the header lines left out: the outside client is served and the origin sees Via and X-Forwarded-For', async () => {
    const drifted = reference.replace('http_access deny all', 'http_access allow all').replace(/^(request|reply)_header_access (X-Forwarded-For|Via) deny all\n/gm, '');
    const outcome = await runRealSquid({ flattenedConf: drifted, probes });
    assert.equal(outcome.kind, 'ran');
    const result = judgeOutcome(outcome, INSTANCE, '111122223333');
    assert.equal(verdictOf(result), 'non-compliant');
    const problems = problemsOf(result).join('\n');
    assert.match(problems, /client 192\.0\.2\.10 .* was not refused with 403: HTTP 200/);
    assert.match(problems, /origin received via: .*squid/i);
    assert.match(problems, /origin received x-forwarded-for: /);
  });
  test('Squid 5.7 skips a bare "http_access deny": the last line is "deny to_localhost", so everyone else is served — as the evaluator says', async () => {
    const config = parseSquidConf(bareDeny);
    const outcome = await runRealSquid({ flattenedConf: bareDeny, probes: probePlan(config, ['10.0.0.0/16']) });
    assert.equal(outcome.kind, 'ran', JSON.stringify(outcome));
    const result = judgeOutcome(outcome, INSTANCE, '111122223333', config);
    const problems = problemsOf(result).join('\n');
    assert.match(problems, /client 192\.0\.2\.10 .* was not refused with 403: HTTP 200/);
    assert.doesNotMatch(problems, /disagree/);
  });
  test('Squid 5.7 skips a bare "request_header_access Via deny": the origin sees Via', async () => {
    const config = parseSquidConf(bareViaDeny);
    const outcome = await runRealSquid({ flattenedConf: bareViaDeny, probes: probePlan(config, ['10.0.0.0/16']) });
    const problems = problemsOf(judgeOutcome(outcome, INSTANCE, '111122223333', config)).join('\n');
    assert.match(problems, /origin received via: /);
    assert.doesNotMatch(problems, /disagree|x-forwarded-for/);
  });
  test("Debian's stock localnet lines: every port and method answered as the evaluator predicts", async () => {
    const config = parseSquidConf(debianLines);
    const outcome = await runRealSquid({ flattenedConf: debianLines, probes: probePlan(config, ['10.0.0.0/16']) });
    const result = judgeOutcome(outcome, INSTANCE, '111122223333', config);
    const problems = problemsOf(result);
    assert.ok(problems.length > 0 && problems.every((p) => !/disagree/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /was not refused with 403/.test(p)), problems.join('\n'));
  });
  test('a config Squid refuses', async () => {
    const outcome = await runRealSquid({ flattenedConf: reference.replace('http_port 8080', 'http_port8080'), probes });
    assert.equal(outcome.kind, 'refused-config');
    assert.match(outcome.kind === 'refused-config' ? outcome.messages.join('\n') : '', /unrecognized: 'http_port8080'/);
  });
});
