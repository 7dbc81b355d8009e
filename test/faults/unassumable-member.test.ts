import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { loadPostureConfig } from '../../support/config/load';
import type { EstateContext } from '../../support/estates/estate';
import { ensureOrganization, organizations } from '../../support/estates/organization';
import { createMemberAccount } from '../../support/estates/reference/organizations';
import { s3Reference } from '../../support/estates/reference/s3';
import { DEFAULT_ROLE } from '../../support/fanout/assume';
import { auditOrganization, type OrganizationAudit } from '../../support/fanout/organization-audit';
import { assembleRun, closeRun } from '../../support/run/open-run';
import { registerRun } from '../../support/run/run-context';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT, type AccountAccess } from '../../support/target/accounts';
import { ClientFactory } from '../../support/target/clients';
import { assumeEmulatedAccount } from '../../support/target/emulated-accounts';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';
import { REFERENCE_CONFIG } from '../helpers/estate-audit';
import { verdictsOf } from '../helpers/fault-audit';
import { startFaultProxy } from '../helpers/fault-proxy';

/**
 * (c) A member account whose role cannot be assumed: moto never refuses AssumeRole, so the fault proxy
 * in front of it refuses STS AssumeRole into that one account (AccessDenied, as STS answers). That
 * account is NOT VERIFIED; the management account and the other member are audited as usual.
 */
const CONFIG = loadPostureConfig(REFERENCE_CONFIG);

describe('a member whose role cannot be assumed', () => {
  let audit: OrganizationAudit;
  let management: string;
  let reachable: string;
  let refusing: string;
  let refused = 0;

  before(async () => {
    const endpoint = await testEmulatorEndpoint();
    management = testAccount(951);
    const writes = new ClientFactory(endpoint, 'provisioning');
    const base: AccountAccess = { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };
    const estate = (account: AccountAccess): EstateContext => ({ clients: writes, account, regions: CONFIG.regions, home: CONFIG.regions[0], config: CONFIG, handles: new Map() });
    const mgmt = estate(await assumeEmulatedAccount(writes, base, management, CONFIG.regions[0]));
    await ensureOrganization(mgmt);
    reachable = await createMemberAccount(organizations(mgmt), 'faults-workloads', `faults-workloads+${management}@example.com`);
    refusing = await createMemberAccount(organizations(mgmt), 'faults-no-role', `faults-no-role+${management}@example.com`);
    for (const id of [management, reachable, refusing]) await s3Reference.provision(id === management ? mgmt : estate(await assumeEmulatedAccount(writes, base, id, CONFIG.regions[0])));
    writes.destroy();

    const proxy = await startFaultProxy(endpoint, (request) => {
      const refuses = request.service === 'sts' && request.operation === 'AssumeRole' && decodeURIComponent(request.body).includes(`arn:aws:iam::${refusing}:role/`);
      if (refuses) refused++;
      return refuses ? 'deny' : undefined;
    });
    const run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint: proxy.endpoint }, config: CONFIG, configFile: REFERENCE_CONFIG, requestedAccount: management });
    registerRun(run);
    try {
      audit = await auditOrganization(run, { tags: 'not @exam and @domain:s3', role: DEFAULT_ROLE, concurrency: 3 });
    } finally {
      await closeRun(run);
      await proxy.close();
    }
  });

  test('the proxy refused the AssumeRole into that account', () => {
    assert.ok(refused > 0);
    assert.deepEqual(audit.outcome.hookErrors, []);
  });

  test('that account is NOT VERIFIED in every scenario, naming the refusal', () => {
    const account = audit.accounts.find((a) => a.accountId === refusing);
    assert.match(account?.unreachable ?? '', /AccessDenied/);
    assert.ok(account && account.outcome.scenarios.length > 0);
    for (const [name, verdict] of verdictsOf(account.outcome)) assert.equal(verdict, 'not-verified', name);
  });

  test('the management account and the other member are audited: every S3 control holds on their reference estate', () => {
    for (const id of [management, reachable]) {
      const account = audit.accounts.find((a) => a.accountId === id);
      assert.equal(account?.unreachable, undefined, `account ${id}`);
      const verdicts = [...verdictsOf(account?.outcome ?? { success: false, scenarios: [], hookErrors: [] }).values()];
      assert.ok(verdicts.length > 0, `account ${id} ran its scenarios`);
      assert.deepEqual([...new Set(verdicts)], ['compliant'], `account ${id}`);
    }
  });
});
