import { loadPostureConfig } from './support/config/load';
import { ClientFactory } from './support/target/clients';
import { assumeEmulatedAccount } from './support/target/emulated-accounts';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT } from './support/target/accounts';
import { iamReference } from './support/estates/reference/iam';
import { iamCollector } from './support/inventory/iam';
import { iamControls } from './support/rules/iam';
import type { EstateContext } from './support/estates/estate';
const endpoint = 'http://127.0.0.1:5077';
(async () => {
  const config = loadPostureConfig('posture.config.yaml');
  const writer = new ClientFactory(endpoint, 'provisioning');
  const base = { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };
  const accountId = String(300000000000 + Math.floor(Math.random() * 1e6));
  const account = await assumeEmulatedAccount(writer, base, accountId, 'us-east-1');
  const ctx: EstateContext = { clients: writer, account, regions: config.regions, home: config.regions[0], config, handles: new Map() };
  let t = Date.now();
  const parts = process.argv.slice(2);
  await iamReference.provision(ctx);
  if (parts.includes('drift')) { const { iamDrifts } = await import('./support/estates/drifts/iam'); const d = iamDrifts.find((x) => x.name === parts[1])!; await d.apply(ctx); }
  console.log('provisioned', Date.now() - t); t = Date.now();
  const reads = new ClientFactory(endpoint, 'read-only');
  const inv = await iamCollector.collect({ clients: reads, account, region: 'us-east-1', config, inventory: async () => { throw new Error('no'); } });
  console.log('collected', Date.now() - t);
  if (parts.includes('dump')) console.log(JSON.stringify(inv, null, 1).slice(0, 8000));
  for (const [name, control] of Object.entries(iamControls)) {
    if (typeof control === 'function') continue;
    const r = control.evaluate(inv, { account: accountId, region: 'global', config });
    console.log(name.padEnd(28), r.verdict, r.verdict === 'non-compliant' ? r.findings.map((f) => f.problem).join(' | ') : r.verdict === 'not-verified' ? r.why : '');
  }
  for (const [p, a, d] of [['dana', 'ec2:StartInstances', 'Allowed'], ['dana', 'ec2:TerminateInstances', 'ImplicitlyDenied'], ['frank', 'cloudtrail:StopLogging', 'ExplicitlyDenied'], ['alice', 'iam:CreateUser', 'Allowed'], ['app-server', 's3:DeleteBucket', 'ImplicitlyDenied']] as const) {
    const r = iamControls.effectivePermission(p, a, d).evaluate(inv, { account: accountId, region: 'global', config });
    console.log(p, a, d, r.verdict, r.verdict === 'non-compliant' ? r.findings[0].problem : r.verdict === 'not-verified' ? r.why : '');
  }
})();
