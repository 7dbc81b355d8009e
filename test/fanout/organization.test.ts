import { OUTCOME_SUFFIX } from '../../support/outcome/outcome';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { loadPostureConfig } from '../../support/config/load';
import type { EstateContext } from '../../support/estates/estate';
import { ensureOrganization, organizations } from '../../support/estates/organization';
import { createMemberAccount } from '../../support/estates/reference/organizations';
import { s3Reference } from '../../support/estates/reference/s3';
import { s3Drifts } from '../../support/estates/drifts/s3';
import { assumeAccount, DEFAULT_ROLE } from '../../support/fanout/assume';
import { auditOrganization, type OrganizationAudit } from '../../support/fanout/organization-audit';
import { ORGANIZATION_SCOPE_TAG } from '../../support/fanout/scope';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { registerRun } from '../../support/run/run-context';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT, type AccountAccess } from '../../support/target/accounts';
import { ClientFactory } from '../../support/target/clients';
import { assumeEmulatedAccount } from '../../support/target/emulated-accounts';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';
import { REFERENCE_CONFIG } from '../helpers/estate-audit';

/**
 * The Organization fan-out on the emulator: a management account creates four members with
 * Organizations CreateAccount; three hold the S3 reference estate (one with a public bucket policy), the
 * fourth refuses the member role (moto never refuses AssumeRole, so the assume step is made to refuse for
 * that one account). The audit lists the ACTIVE members, runs the account-level scenarios once per
 * member and the organization-level scenario once, in the management account.
 */
const PUBLIC_POLICY_DRIFT = s3Drifts.find((d) => d.name === 's3-public-bucket-policy');
const CONFIG = loadPostureConfig(REFERENCE_CONFIG);
const FIXTURE = 'test/fanout/fixtures/organization-scope.feature';
const ORG_SCENARIO = 'Fan-out fixture: the organization-level scenario runs once, in the management account';

describe('organization fan-out on the emulator', () => {
  let audit: OrganizationAudit;
  let members: { clean: string[]; drifted: string; unreachable: string };
  let management: string;
  const progress: string[] = [];
  const out = mkdtempSync(join(tmpdir(), 'posture-fanout-'));

  before(async () => {
    assert.ok(PUBLIC_POLICY_DRIFT, 'the S3 drift s3-public-bucket-policy exists');
    const endpoint = await testEmulatorEndpoint();
    management = testAccount(801);
    const writes = new ClientFactory(endpoint, 'provisioning');
    const base: AccountAccess = { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };
    const estate = (account: AccountAccess): EstateContext => ({ clients: writes, account, regions: CONFIG.regions, home: CONFIG.regions[0], config: CONFIG, handles: new Map() });
    const mgmt = estate(await assumeEmulatedAccount(writes, base, management, CONFIG.regions[0]));
    await ensureOrganization(mgmt);
    const ids: string[] = [];
    for (const name of ['fanout-security', 'fanout-workloads', 'fanout-sandbox', 'fanout-no-role']) {
      ids.push(await createMemberAccount(organizations(mgmt), name, `${name}+${management}@example.com`));
    }
    members = { clean: ids.slice(0, 2), drifted: ids[2], unreachable: ids[3] };
    for (const id of [management, ...ids.slice(0, 3)]) {
      const ctx = id === management ? mgmt : estate(await assumeEmulatedAccount(writes, base, id, CONFIG.regions[0]));
      await s3Reference.provision(ctx);
      if (id === members.drifted) await PUBLIC_POLICY_DRIFT?.apply(ctx);
    }
    writes.destroy();

    const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint }, config: CONFIG, configFile: REFERENCE_CONFIG, requestedAccount: management });
    registerRun(run);
    try {
      audit = await auditOrganization(run, {
        tags: 'not @exam and (@domain:s3 or @domain:fanout-fixture)',
        paths: ['features/s3/*.feature', FIXTURE],
        role: DEFAULT_ROLE,
        concurrency: 3,
        progress: (line) => progress.push(line),
        assume: async (args) => {
          if (args.accountId === members.unreachable) throw Object.assign(new Error(`User is not authorized to perform: sts:AssumeRole on resource ${args.accountId}`), { name: 'AccessDenied' });
          return assumeAccount(args);
        },
        formats: (accountId) => ({
          stdout: 'allure-cucumberjs/reporter',
          files: { [join(out, accountId, 'messages.ndjson')]: 'message' },
          options: { resultsDir: join(out, 'allure-results') },
        }),
      });
    } finally {
      await closeRun(run);
    }
  });

  test('no account run failed outright', () => {
    assert.deepEqual(audit.outcome.hookErrors, []);
  });

  test('lists every ACTIVE member created through Organizations and audits each once, plus the management account', () => {
    const audited = audit.accounts.map((a) => a.accountId).sort();
    assert.deepEqual(audited, [management, ...members.clean, members.drifted, members.unreachable].sort());
    assert.equal(audit.accounts.filter((a) => a.scope === 'organization').length, 1);
    assert.equal(audit.managementAccount, management);
  });

  test('every scenario outcome names its account and regions', () => {
    for (const account of audit.accounts) {
      assert.ok(account.outcome.scenarios.length >= 6, `account ${account.accountId} ran its scenarios`);
      assert.deepEqual(account.regions, CONFIG.regions);
    }
    for (const scenario of audit.outcome.scenarios) {
      assert.match(scenario.account, /^\d{12}$/);
      assert.deepEqual(scenario.regions, CONFIG.regions);
    }
  });

  test('account-level results differ per account: only the drifted member fails, exactly its control', () => {
    // The controls that do not hold in an account, as its outcome records decided them.
    const failed = (id: string) =>
      audit.accounts
        .find((a) => a.accountId === id)
        ?.outcome.scenarios.filter((s) => s.verdict !== 'compliant' && s.verdict !== 'passed')
        .flatMap((s) => s.records.map((r) => `${r.control.id}: ${r.outcome.kind}`)) ?? ['(missing)'];
    for (const id of [management, ...members.clean]) assert.deepEqual(failed(id), [], `account ${id}`);
    assert.deepEqual(failed(members.drifted), PUBLIC_POLICY_DRIFT?.breaks.map((b) => `${b.control}: non-compliant`));
    const findings = audit.accounts.find((a) => a.accountId === members.drifted)?.outcome.scenarios.flatMap((s) => s.records.flatMap((r) => r.findings)) ?? [];
    assert.ok(findings.length > 0 && findings.every((f) => f.account === members.drifted), JSON.stringify(findings));
  });

  test('an account whose role cannot be assumed is not verified, and the rest continue', () => {
    const broken = audit.accounts.find((a) => a.accountId === members.unreachable);
    assert.match(broken?.unreachable ?? '', /could not assume arn:aws:iam::\d{12}:role\/OrganizationAccountAccessRole: AccessDenied/);
    assert.ok(broken && broken.outcome.scenarios.length > 0);
    for (const scenario of broken?.outcome.scenarios ?? []) {
      assert.equal(scenario.verdict, 'not-verified', scenario.name);
      assert.ok(scenario.records.every((r) => r.unread.some((u) => /could not assume/.test(u))), scenario.name);
    }
    assert.ok(audit.accounts.filter((a) => !a.unreachable).every((a) => a.outcome.scenarios.some((s) => s.verdict === 'compliant')));
  });

  test(`organization-level scenarios (${ORGANIZATION_SCOPE_TAG}) run once, in the management account`, () => {
    const runs = audit.outcome.scenarios.filter((s) => s.name === ORG_SCENARIO);
    assert.deepEqual(runs.map((s) => s.account), [management]);
    const memberScenarios = audit.accounts.filter((a) => a.scope === 'member').flatMap((a) => a.outcome.scenarios);
    assert.ok(memberScenarios.every((s) => !s.tags.includes(ORGANIZATION_SCOPE_TAG)));
  });

  test('every outcome record carries its account id and regions', () => {
    for (const account of audit.accounts) {
      const lines = readFileSync(join(out, account.accountId, 'messages.ndjson'), 'utf8').split('\n').filter(Boolean);
      const evidence = lines.map((l) => JSON.parse(l)).filter((m) => m.attachment?.fileName?.endsWith(OUTCOME_SUFFIX)).map((m) => JSON.parse(m.attachment.body));
      assert.ok(evidence.length > 0, `outcome records in account ${account.accountId}`);
      for (const e of evidence) {
        assert.equal(e.account, account.accountId);
        assert.deepEqual(e.regions, CONFIG.regions);
        for (const finding of e.findings) assert.equal(finding.account, account.accountId);
      }
    }
  });

  test('the Allure results can be read per account: one result per scenario and account, told apart by the Account parameter', () => {
    const dir = join(out, 'allure-results');
    const results = readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    const accountOf = (r: { parameters?: { name: string; value: string }[] }) => r.parameters?.find((p) => p.name.toLowerCase() === 'account')?.value;
    for (const account of audit.accounts) {
      assert.equal(results.filter((r) => accountOf(r) === account.accountId).length, account.outcome.scenarios.length, `Allure results of ${account.accountId}`);
    }
    const sameScenario = results.filter((r) => r.name === 'No bucket policy grants access to everyone');
    assert.equal(new Set(sameScenario.map((r) => r.historyId)).size, audit.accounts.length, 'one history per account, not retries of one test');
  });

  test('progress is reported per account and per region', () => {
    for (const account of audit.accounts.filter((a) => !a.unreachable)) {
      for (const region of CONFIG.regions.slice(0, 1)) assert.ok(progress.some((l) => l.includes(`account ${account.accountId} · ${region}`)), `progress for ${account.accountId} in ${region}:\n${progress.join('\n')}`);
      assert.ok(progress.some((l) => new RegExp(`\\] account ${account.accountId}: \\d+ scenario`).test(l)));
    }
    assert.ok(progress.some((l) => l.includes(`account ${members.unreachable}`) && l.includes('NOT VERIFIED')));
  });
});

