import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { couldNotRunMessage, EXIT, exitCodeFor, organizationSummary, parseArguments, runAudit, UsageError } from '../../support/cli/audit';
import { loadPostureConfig } from '../../support/config/load';
import { s3Drifts } from '../../support/estates/drifts/s3';
import { s3Reference } from '../../support/estates/reference/s3';
import type { ScenarioOutcome } from '../../support/run/run-cucumber';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT } from '../../support/target/accounts';
import { ClientFactory } from '../../support/target/clients';
import { assumeEmulatedAccount } from '../../support/target/emulated-accounts';
import { WaiverError } from '../../support/waivers/waivers';
import { TagsError } from '../../support/run/tag-check';
import { scenarioVerdict, type ScenarioVerdict } from '../../support/outcome/outcome';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';

/**
 * `npm run audit` exit codes: 0 compliant, 3 non-compliant or not verified, 1 could not run. Most cases
 * call the exported functions; the audit itself runs in-process (in a scratch working directory, so the
 * repository's reports/ stay as they are) and `npm run audit` is spawned once.
 */
const ROOT = resolve(__dirname, '../..');
/** A scenario as the collector reports it: the verdict comes from its outcome records (or the status, without one). */
const scenario = (status: ScenarioOutcome['status'], verdict: ScenarioVerdict = scenarioVerdict(status, [])): ScenarioOutcome => ({ name: `s-${status}`, uri: 'features/x.feature', tags: [], status, records: [], verdict });

describe('exit codes from outcomes', () => {
  const cases: [string, Parameters<typeof exitCodeFor>[0], number][] = [
    ['every scenario passed', { success: true, scenarios: [scenario('passed'), scenario('passed')], hookErrors: [] }, EXIT.compliant],
    ['compliant and not applicable (skipped)', { success: true, scenarios: [scenario('passed', 'compliant'), scenario('skipped', 'not-applicable')], hookErrors: [] }, EXIT.compliant],
    ['a finding', { success: false, scenarios: [scenario('passed'), scenario('failed', 'non-compliant')], hookErrors: [] }, EXIT.nonCompliant],
    ['could not read', { success: false, scenarios: [scenario('failed', 'not-verified')], hookErrors: [] }, EXIT.nonCompliant],
    ['a failed BeforeAll hook', { success: false, scenarios: [scenario('passed')], hookErrors: ['boom'] }, EXIT.couldNotRun],
    ['no scenario ran', { success: true, scenarios: [], hookErrors: [] }, EXIT.couldNotRun],
    ['an undefined step', { success: false, scenarios: [scenario('undefined')], hookErrors: [] }, EXIT.couldNotRun],
    ['an ambiguous step', { success: false, scenarios: [scenario('ambiguous'), scenario('failed')], hookErrors: [] }, EXIT.couldNotRun],
    ['a pending step', { success: false, scenarios: [scenario('passed'), scenario('pending')], hookErrors: [] }, EXIT.couldNotRun],
    ['a crash (failed without a verdict)', { success: false, scenarios: [scenario('failed'), scenario('failed', 'non-compliant')], hookErrors: [] }, EXIT.couldNotRun],
    ['waived findings only', { success: true, scenarios: [scenario('passed', 'waived'), scenario('passed', 'compliant')], hookErrors: [] }, EXIT.compliant],
  ];
  for (const [name, outcome, code] of cases) test(`${name} → ${code}`, () => assert.equal(exitCodeFor(outcome), code));

  test('the codes are 0, 3 and 1, as documented in support/cli/audit.ts', () => {
    assert.deepEqual(EXIT, { compliant: 0, couldNotRun: 1, nonCompliant: 3 });
    const doc = readFileSync(join(ROOT, 'support/cli/audit.ts'), 'utf8');
    for (const line of [/0 {2}compliant/, /3 {2}non-compliant or not verified/, /1 {2}could not run/]) assert.match(doc, line);
  });
});

test('the organization summary counts a waived pass apart from plain passes and redacts reasons', () => {
  const keyId = ['AKIA', 'EXAMPLEFAKE', '22222'].join('');
  const outcome = { success: true, scenarios: [scenario('passed', 'waived'), scenario('passed', 'compliant')], hookErrors: [] };
  const text = organizationSummary({
    managementAccount: '111122223333',
    runs: [],
    outcome: { ...outcome, scenarios: [] },
    accounts: [
      { accountId: '111122223333', scope: 'organization', regions: ['us-east-1'], outcome, seconds: 1 },
      { accountId: '444455556666', scope: 'member', regions: ['us-east-1'], unreachable: `refused for ${keyId}`, outcome: { ...outcome, scenarios: [] }, seconds: 1 },
    ],
  });
  assert.match(text, /111122223333 \(organization\): compliant 1 · waived 1 · non-compliant 0/);
  assert.ok(!text.includes(keyId), text);
});

describe('arguments', () => {
  test('tags, organization, waivers, member role, concurrency', () => {
    assert.deepEqual(parseArguments(['--tags', '@domain:s3', '--organization', '--waivers=w.yaml', '--member-role', 'PostureAudit', '--concurrency', '8']), {
      tags: '@domain:s3',
      organization: true,
      waivers: 'w.yaml',
      memberRole: 'PostureAudit',
      concurrency: 8,
    });
  });
  test('an unknown option or a missing value is a usage error (exit 1)', () => {
    assert.throws(() => parseArguments(['--everything']), UsageError);
    assert.throws(() => parseArguments(['--waivers']), UsageError);
    assert.throws(() => parseArguments(['--concurrency', '0']), UsageError);
  });
  test('expected errors are one line; a bug keeps its stack', () => {
    assert.equal(couldNotRunMessage(new WaiverError('waivers.yaml: waivers[0].owner: required')), 'aws-posture: could not run: waivers.yaml: waivers[0].owner: required');
    assert.match(couldNotRunMessage(new TypeError('x is undefined')), /TypeError: x is undefined\n\s+at /);
  });
});

describe('the audit, in process and spawned', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'posture-audit-'));
  let endpoint: string;
  let account: string;
  let applyDrift: () => Promise<void>;

  before(async () => {
    // The audit writes reports/ in its working directory: give it a scratch one that sees the suite.
    for (const entry of ['cucumber.js', 'features', 'steps', 'support', 'node_modules', 'tsconfig.json', 'package.json']) symlinkSync(join(ROOT, entry), join(scratch, entry));
    symlinkSync(join(ROOT, 'test/fixtures/posture.pinned.yaml'), join(scratch, 'posture.config.yaml')); // regions pinned: fast
    process.chdir(scratch);
    endpoint = await testEmulatorEndpoint();
    account = testAccount(821);
    const config = loadPostureConfig(join(ROOT, 'test/fixtures/posture.pinned.yaml'));
    const writes = new ClientFactory(endpoint, 'provisioning');
    const access = await assumeEmulatedAccount(writes, { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' }, account, config.regions[0]);
    const ctx = { clients: writes, account: access, regions: config.regions, home: config.regions[0], config, handles: new Map<string, string>() };
    await s3Reference.provision(ctx);
    applyDrift = async () => {
      await s3Drifts.find((d) => d.name === 's3-public-bucket-policy')?.apply(ctx);
      writes.destroy();
    };
  });

  const audit = (argv: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const output: string[] = [];
    return {
      output,
      code: runAudit(argv, {
        env: { ...process.env, POSTURE_TARGET: 'endpoint', AWS_ENDPOINT_URL: endpoint, POSTURE_WAIVERS: undefined, ...extraEnv },
        parameters: { account },
        write: (text) => output.push(text),
        progress: (line) => output.push(line),
      }),
    };
  };

  test('0: every S3 control holds on the reference S3 estate', async () => {
    const run = audit(['--tags', '@domain:s3 and not @exam']);
    assert.equal(await run.code, EXIT.compliant, run.output.join('\n'));
  });

  test('1: @exam demonstrations are never audited (not on an endpoint, not anywhere): asking for them finds no scenario', async () => {
    // Refused before anything starts (the CLI prints the line and exits 1).
    await assert.rejects(audit(['--tags', '@exam and @domain:s3']).code, (error: Error) => error instanceof TagsError && /selects no scenario \(with not @exam\)/.test(error.message));
    const s3 = audit(['--tags', '@domain:s3']);
    assert.equal(await s3.code, EXIT.compliant, s3.output.join('\n'));
    const outcomes = JSON.parse(readFileSync(join(scratch, 'reports', 'outcomes.json'), 'utf8')) as { scenarios: { name: string; uri: string }[] };
    assert.ok(outcomes.scenarios.length > 0);
    assert.ok(!outcomes.scenarios.some((sc) => sc.uri.includes('/exam-')), 'an @exam scenario among the compliance results');
  });

  test('3: the same account with a public bucket policy; 0 again when a waiver accepts it, and the stale waiver is reported', async () => {
    await applyDrift();

    const failing = audit(['--tags', '@domain:s3 and not @exam']);
    assert.equal(await failing.code, EXIT.nonCompliant, failing.output.join('\n'));

    const waivers = join(scratch, 'waivers.yaml');
    writeFileSync(
      waivers,
      `waivers:\n  - control: No bucket policy grants access to everyone\n    resource: "arn:aws:s3:::*${account}*"\n    reason: Public download bucket\n    owner: web-team@example.com\n    expires: 2099-01-01\n  - control: "9.9"\n    resource: "*"\n    reason: Never matches\n    owner: nobody@example.com\n    expires: 2099-01-01\n`,
    );
    const waived = audit(['--tags', '@domain:s3 and not @exam', '--waivers', waivers]);
    assert.equal(await waived.code, EXIT.compliant, waived.output.join('\n'));
    assert.match(waived.output.join('\n'), /STALE waivers\[1\] \(control 9\.9/);
    assert.deepEqual(JSON.parse(readFileSync(join(scratch, 'reports/waivers.json'), 'utf8')).stale.map((w: { control: string }) => w.control), ['9.9']);
  });

  test('1: an expired waiver stops the audit before anything runs', async () => {
    const expired = join(scratch, 'expired.yaml');
    writeFileSync(expired, 'waivers:\n  - control: "2.1.4"\n    resource: "*"\n    reason: Old exception\n    owner: someone@example.com\n    expires: 2020-01-31\n');
    await assert.rejects(audit(['--waivers', expired]).code, (error: Error) => error instanceof WaiverError && /expired\.yaml: waivers\[0\]\.expires: expired on 2020-01-31/.test(error.message));
  });

  test('1: `npm run audit` with a malformed waivers file exits 1 naming the file and the field (spawned once)', () => {
    const malformed = join(scratch, 'malformed.yaml');
    writeFileSync(malformed, 'waivers:\n  - control: "2.1.4"\n    resource: "*"\n    reason: No owner given\n    expires: 2099-01-01\n');
    const result = spawnSync('npm', ['run', '--silent', 'audit', '--', '--waivers', malformed], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, POSTURE_TARGET: 'endpoint', AWS_ENDPOINT_URL: endpoint } });
    assert.equal(result.status, EXIT.couldNotRun, result.stderr);
    assert.match(result.stderr, /aws-posture: could not run: .*malformed\.yaml: waivers\[0\]\.owner: required/);
  });
});
