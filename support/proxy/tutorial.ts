import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The stock squid.conf files and the tutorial's sed script, kept as fixtures so nothing depends on /etc. */
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'squid');
export const STOCK = {
  /** Amazon Linux 2 (squid 3.5) stock file, written from the facts in issue 6. */
  amazonLinux2: join(FIXTURES, 'al2-stock.squid.conf'),
  /** Debian 12 squid 5.7 /etc/squid/squid.conf and its /etc/squid/conf.d/debian.conf. */
  debian: join(FIXTURES, 'debian-5.7-stock.squid.conf'),
  debianConfD: join(FIXTURES, 'debian-5.7-conf.d-debian.conf'),
};
export const TUTORIAL_SED_SCRIPT = join(FIXTURES, 'tutorial-sed.sh');

export function stockConf(which: keyof typeof STOCK): string {
  return readFileSync(STOCK[which], 'utf8');
}

/** Run the tutorial's sed script (with sh and sed, as user data does) over a copy of a stock file. */
export function applyTutorialSed(stockText: string, vars: { vpcCidr: string; port: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'posture-squid-sed-'));
  try {
    const file = join(dir, 'squid.conf');
    writeFileSync(file, stockText);
    execFileSync('sh', [TUTORIAL_SED_SCRIPT, file], { env: { ...process.env, VPC_CIDR: vars.vpcCidr, SQUID_PORT: String(vars.port) }, timeout: 10_000 });
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tutorial's result with its one bug fixed: "http_port 8080", with the space. */
export function correctedTutorialConf(vars: { vpcCidr: string; port: number }): string {
  return applyTutorialSed(stockConf('amazonLinux2'), vars).replace(new RegExp(`^http_port${vars.port}$`, 'm'), `http_port ${vars.port}`);
}
