import { runRealSquid } from './support/proxy/real-squid/harness';
import { correctedTutorialConf } from './support/proxy/tutorial';
(async () => {
  const t = Date.now();
  const out = await runRealSquid({ flattenedConf: correctedTutorialConf({ vpcCidr: '10.0.0.0/16', port: 8080 }), probes: [
    { label: 'inside', address: '10.0.1.10', expect: 'served' }, { label: 'outside', address: '192.0.2.10', expect: 'refused' } ] });
  console.log(JSON.stringify(out, null, 1), Date.now() - t);
})();
