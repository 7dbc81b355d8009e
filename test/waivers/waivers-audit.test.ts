import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadPostureConfig } from '../../support/config/load';
import { s3Drifts } from '../../support/estates/drifts/s3';
import { s3Reference } from '../../support/estates/reference/s3';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { registerRun, withRun, type RunContext } from '../../support/run/run-context';
import { runFeatures, type CucumberOutcome } from '../../support/run/run-cucumber';
import { ClientFactory } from '../../support/target/clients';
import { parseWaivers, WaiverSet } from '../../support/waivers/waivers';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';
import { OUTCOME_SUFFIX, parseOutcomeRecord } from '../../support/outcome/outcome';
import { waivedMessage } from '../../support/report/verdict';
import { REFERENCE_CONFIG } from '../helpers/estate-audit';

/**
 * Waivers end to end: the S3 public-bucket-policy drift, audited through cucumber with a waiver for the
 * public bucket, passes that scenario as waived (evidence and report say so, with the reason); without
 * the waiver the same scenario fails; a waiver that matched nothing is stale.
 */
const DRIFT = s3Drifts.find((d) => d.name === 's3-public-bucket-policy');
const POLICY_SCENARIO = 'No bucket policy grants access to everyone';
const CONFIG = loadPostureConfig(REFERENCE_CONFIG);

describe('waivers in an audit', () => {
  let run: RunContext;
  let withWaiver: CucumberOutcome;
  let without: CucumberOutcome;
  let waivers: WaiverSet;
  const messages = join(mkdtempSync(join(tmpdir(), 'posture-waivers-')), 'messages.ndjson');

  before(async () => {
    const endpoint = await testEmulatorEndpoint();
    const account = testAccount(811);
    run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config: CONFIG, configFile: REFERENCE_CONFIG, requestedAccount: account });
    const clients = new ClientFactory(endpoint, 'provisioning');
    const ctx = { clients, account: run.account, regions: run.regions, home: run.homeRegion, config: CONFIG, handles: new Map<string, string>() };
    await s3Reference.provision(ctx);
    await DRIFT?.apply(ctx);
    clients.destroy();
    const publicBucket = ctx.handles.get('s3.dataBucket');
    waivers = new WaiverSet(
      'waivers.yaml',
      parseWaivers(
        `waivers:
  - control: ${POLICY_SCENARIO}
    resource: arn:aws:s3:::${publicBucket}
    account: "${account}"
    reason: Public download bucket until the CloudFront migration
    owner: web-team@example.com
    expires: 2099-12-31
  - control: "2.1.4"
    resource: arn:aws:s3:::decommissioned-*
    reason: Old bucket, gone since the migration
    owner: platform@example.com
    expires: 2099-12-31
`,
        'waivers.yaml',
      ),
    );
    registerRun(withRun(run, { waivers }));
    try {
      const options = { worldParameters: { runId: run.id }, tags: '@domain:s3 and not @exam', paths: ['features/s3/*.feature'] };
      withWaiver = await runFeatures({ ...options, formats: { files: { [messages]: 'message' } } });
      registerRun(withRun(run, { waivers: undefined }));
      without = await runFeatures(options);
    } finally {
      await closeRun(run);
    }
  });

  test('waived: the scenario whose only finding is waived passes; everything else passes as on reference', () => {
    assert.ok(withWaiver.scenarios.length >= 6, JSON.stringify(withWaiver).slice(0, 1500));
    assert.deepEqual(withWaiver.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.name}: ${s.message}`), []);
  });

  test('without the waiver the same estate fails exactly that scenario (the waiver is what made it pass)', () => {
    assert.deepEqual(without.scenarios.filter((s) => s.status !== 'passed').map((s) => s.name), [POLICY_SCENARIO]);
  });

  test('the report shows it as waived: the outcome record says waived, with the waiver; the Allure message is the WAIVED: note', () => {
    const envelopes = readFileSync(messages, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const pickleId = envelopes.find((e) => e.pickle?.name === POLICY_SCENARIO)?.pickle.id;
    const testCaseId = envelopes.find((e) => e.testCase?.pickleId === pickleId)?.testCase.id;
    const startedId = envelopes.find((e) => e.testCaseStarted?.testCaseId === testCaseId)?.testCaseStarted.id;
    const attachments = envelopes.filter((e) => e.attachment?.testCaseStartedId === startedId).map((e) => e.attachment);
    const record = parseOutcomeRecord(attachments.find((a) => a.fileName?.endsWith(OUTCOME_SUFFIX))?.body);
    assert.ok(record, 'no outcome record attached');
    assert.equal(record.outcome.kind, 'waived');
    assert.deepEqual(record.findings, []);
    assert.equal(record.waived.length, 1);
    assert.equal(record.waived[0].account, run.account.accountId);
    assert.equal(record.waived[0].waiver.reason, 'Public download bucket until the CloudFront migration');
    assert.equal(record.waived[0].waiver.owner, 'web-team@example.com');
    // What the Allure formatter shows as the result's message (support/report/allure-formatter.ts).
    assert.match(waivedMessage(record), /^WAIVED: No bucket policy grants access to everyone — 1 finding\(s\) accepted/);
  });

  test('stale: the waiver that matched no finding is reported, the used one is not', () => {
    assert.deepEqual(waivers.stale().map((w) => w.control), ['2.1.4']);
  });
});
