/**
 * `npm run bench`: how long inventory takes and how many calls it makes, on the reference estate in the
 * embedded emulator — cold (first collection) and warm (cached, as every later scenario sees it), then
 * one whole cucumber run. A benchmark, not a test: it prints numbers and asserts nothing.
 */
import '../env';
import { randomUUID } from 'node:crypto';
import { configPath, loadPostureConfig } from '../config/load';
import { inventoryFor, regionsFor } from '../checks/evaluate-control';
import { provisionEstate } from '../estates/provision';
import { collectors } from '../inventory';
import type { InventoryTypes } from '../inventory/types';
import { assembleRun, closeRun } from '../run/open-run';
import { registerRun, withRun } from '../run/run-context';
import { runFeatures } from '../run/run-cucumber';
import { ClientFactory } from '../target/clients';
import { startEmulator } from '../target/emulator';

async function main(): Promise<void> {
  const config = loadPostureConfig(configPath());
  const emulator = await startEmulator();
  try {
    const file = configPath();
    let started = Date.now();
    // The emulator's first use of a service is slow (it loads its models once): warm it up in another account.
    const warmup = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint: emulator.endpoint }, config, configFile: file, requestedAccount: '210000000000' });
    await provisionEstate('reference', { endpoint: emulator.endpoint, account: warmup.account, config: warmup.config, regions: warmup.regions });
    console.log(`provision reference estate, cold emulator: ${Date.now() - started} ms`);
    started = Date.now();
    let run = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint: emulator.endpoint }, config, configFile: file, requestedAccount: '210000000001' });
    await provisionEstate('reference', { endpoint: emulator.endpoint, account: run.account, config: run.config, regions: run.regions });
    console.log(`provision reference estate, warm emulator: ${Date.now() - started} ms`);

    const calls = new Map<string, number>();
    let current = '';
    run = withRun(run, { reads: new ClientFactory(emulator.endpoint, 'read-only', [], () => calls.set(current, (calls.get(current) ?? 0) + 1)) });
    console.log('\ncollector            regions  cold ms  calls  warm ms');
    for (const name of Object.keys(collectors) as (keyof InventoryTypes)[]) {
      current = name;
      const regions = regionsFor(run, name);
      started = Date.now();
      // Sequential per collector so that calls are attributed to it (collectors may reuse each other's cache).
      for (const region of regions) await inventoryFor(run, name, region);
      const cold = Date.now() - started;
      started = Date.now();
      for (const region of regions) await inventoryFor(run, name, region);
      const warm = Date.now() - started;
      console.log(`${name.padEnd(20)} ${String(regions.length).padStart(7)} ${String(cold).padStart(8)} ${String(calls.get(name) ?? 0).padStart(6)} ${String(warm).padStart(8)}`);
    }
    const fresh = await assembleRun({ id: randomUUID(), target: { kind: 'endpoint', endpoint: emulator.endpoint }, config, configFile: file, requestedAccount: '210000000001' });
    registerRun(fresh);
    started = Date.now();
    const outcome = await runFeatures({ worldParameters: { runId: fresh.id }, tags: 'not @exam' });
    const passed = outcome.scenarios.filter((s) => s.status === 'passed').length;
    console.log(`\nwhole suite, one account, fresh inventory: ${Date.now() - started} ms for ${outcome.scenarios.length} scenarios (${passed} passed)`);
    await closeRun(fresh);
    await closeRun(run);
  } finally {
    await emulator.stop();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
