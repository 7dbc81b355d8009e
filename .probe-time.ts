import { ClientFactory } from './support/target/clients';
import { assumeEmulatedAccount } from './support/target/emulated-accounts';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT } from './support/target/accounts';
import { EC2Client, DescribeImagesCommand } from '@aws-sdk/client-ec2';
(async () => {
  const w = new ClientFactory('http://127.0.0.1:5077', 'provisioning');
  const base = { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };
  const account = await assumeEmulatedAccount(w, base, String(400000000000 + Math.floor(Math.random() * 1e6)), 'us-east-1');
  let t = Date.now(); const lap = (s: string) => { console.log(s, Date.now() - t); t = Date.now(); };
  const ec2 = w.client(EC2Client, account, 'us-east-1');
  const r = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023*-x86_64'] }] })); lap('filtered images ' + r.Images?.length + ' ' + r.Images?.[0]?.ImageId + ' ' + r.Images?.[0]?.Name);
  const r2 = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023*-x86_64'] }] })); lap('again ' + r2.Images?.length);
})();
