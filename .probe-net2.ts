import { loadPostureConfig } from './support/config/load';
import { ClientFactory } from './support/target/clients';
import { networkReference } from './support/estates/reference/network';
import { networkCollector } from './support/inventory/network';
import { networkControls, reachability, parseParty } from './support/rules/network';
const endpoint = 'http://127.0.0.1:5999';
(async () => {
  const config = loadPostureConfig('posture.config.yaml');
  const clients = new ClientFactory(endpoint, 'provisioning');
  const account = { accountId: '123456789012', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, credentialKey: 'x' };
  const ctx = { clients, account, regions: config.regions, home: config.regions[0], config, handles: new Map<string, string>() };
  let t = Date.now();
  await networkReference.provision(ctx);
  console.log('provisioned', Date.now() - t, [...ctx.handles]);
  for (const region of config.regions) {
    t = Date.now();
    const inv = await networkCollector.collect({ clients, account, region, config, inventory: async () => { throw new Error('no'); } });
    console.log(region, 'collected', Date.now() - t);
    if (region === 'us-east-1') console.log(JSON.stringify(inv.instances), JSON.stringify(inv.natGateways));
    for (const [name, c] of Object.entries(networkControls)) {
      const r = c.evaluate(inv, { account: account.accountId, region, config });
      console.log(' ', name, r.verdict, 'findings' in r ? r.findings.map((f) => f.problem) : 'why' in r ? r.why : '');
    }
    const rows: [string, string, string, number, string][] = [
      ['the internet', 'the web tier', '6', 80, 'allowed'], ['the internet', 'the web tier', '6', 443, 'allowed'], ['an admin address', 'the web tier', '6', 22, 'allowed'],
      ['the internet', 'the web tier', '6', 22, 'blocked'], ['the internet', 'the web tier', '6', 3389, 'blocked'], ['the web tier', 'the db tier', '6', 3306, 'allowed'],
      ['the internet', 'the db tier', '6', 3306, 'blocked'], ['an admin address', 'the db tier', '6', 22, 'blocked'], ['the web tier', 'the db tier', '6', 22, 'blocked'], ['the db tier', 'the internet', '6', 443, 'allowed'],
    ];
    for (const [s, tg, p, port, e] of rows) {
      const r = reachability({ source: parseParty(s), target: parseParty(tg), protocol: p, port, expected: e as 'allowed' }).evaluate(inv, { account: account.accountId, region, config });
      console.log('  ', s, '->', tg, port, e, r.verdict, 'findings' in r ? r.findings.map((f) => f.problem) : 'why' in r ? r.why : (r.evidence as any)?.flows?.map((f: any) => f.explanation));
    }
  }
  clients.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
