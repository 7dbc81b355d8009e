import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import { collected, notCollected } from '../../support/inventory/collected';
import type { ProxyIngressRule, ProxyInstance, ProxyInventory, SquidSyntaxCheck } from '../../support/inventory/types/proxy';
import { applyTutorialSed, correctedTutorialConf, stockConf } from '../../support/proxy/tutorial';
import type { Control } from '../../support/rules/control';
import { proxyControls } from '../../support/rules/proxy';
import type { RealSquidInventory } from '../../support/inventory/types/real-squid';
import { findingsOf, verdictOf, type Verdict } from '../../support/rules/types';

const ACCOUNT = '111122223333';
const config = parsePostureConfig('regions: [us-east-1]\nproxy: { port: 8080, source: { kind: s3, bucket: "conf-{account}", key: squid.conf } }\n', 'test.yaml');
const reference = correctedTutorialConf({ vpcCidr: '10.0.0.0/16', port: 8080 });
const tcp8080 = (cidr: string): ProxyIngressRule => ({ groupId: 'sg-0proxy', rule: { protocol: '6', ports: { from: 8080, to: 8080 }, peer: { kind: 'cidr', cidr } } });

function instance(overrides: Partial<ProxyInstance> = {}): ProxyInstance {
  return {
    id: 'i-0proxy',
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0proxy`,
    region: 'us-east-1',
    vpcId: 'vpc-0main',
    securityGroupIds: ['sg-0proxy'],
    vpcCidrs: collected(['10.0.0.0/16']),
    ingress: collected([tcp8080('10.0.0.0/16')]),
    ...overrides,
  };
}

const parsedOk: SquidSyntaxCheck = { kind: 'checked', binary: '/usr/sbin/squid', version: '5.7', exitCode: 0, messages: [] };

const debianLocalnet = stockConf('debian').split('\n').filter((l) => /^acl localnet src/.test(l)).join('\n');

function inventory(text: string | null, overrides: Partial<ProxyInventory> = {}, includes: Record<string, { path: string; text: string }[] | { refused: string }> = {}): ProxyInventory {
  return {
    account: ACCOUNT,
    tag: { key: 'Role', value: 'forward-proxy' },
    regions: ['us-east-1'],
    instances: collected([instance()]),
    squidConf: text === null ? notCollected('s3://conf/squid.conf: AccessDenied') : collected({ source: 's3://conf/squid.conf', text, includes }),
    syntaxCheck: parsedOk,
    ...overrides,
  };
}

interface Case {
  name: string;
  control: Control<'proxy'>;
  inventory: ProxyInventory;
  verdict: Verdict;
  /** Each finding (or the why) must match, in order. */
  says?: RegExp[];
}

const cases: Case[] = [
  // Only the VPC CIDR
  { name: 'the corrected tutorial config serves exactly the VPC', control: proxyControls.onlyVpcCidr, inventory: inventory(reference), verdict: 'compliant' },
  {
    name: 'localnet 10.0.0.0/8 serves more than the VPC',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(reference.replace('acl localnet src 10.0.0.0/16', 'acl localnet src 10.0.0.0/8')),
    verdict: 'non-compliant',
    says: [/serves 10\.1\.0\.0-10\.255\.255\.255, outside VPC vpc-0main .*allowed by .*"http_access allow localnet"/, /acl localnet .* also lists 10\.1\.0\.0-10\.255\.255\.255/],
  },
  {
    name: '"http_access allow all" serves everyone',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(reference.replace('http_access deny all', 'http_access allow all')),
    verdict: 'non-compliant',
    says: [/serves 0\.0\.0\.0-9\.255\.255\.255, 10\.1\.0\.0-126\.255\.255\.255, 128\.0\.0\.0\/1, ::\/128, ::2-ffff:.*http_access allow all/],
  },
  {
    name: 'the Debian stock file after sed serves no network client, and localnet keeps leftover ranges',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(applyTutorialSed(stockConf('debian'), { vpcCidr: '10.0.0.0/16', port: 8080 }), {}, { '/etc/squid/conf.d/*.conf': [{ path: '/etc/squid/conf.d/debian.conf', text: stockConf('debianConfD') }] }),
    verdict: 'non-compliant',
    says: [/does not serve 10\.0\.0\.0\/16 of VPC vpc-0main: no http_access line allows any network client/, /acl localnet .* also lists 0\.0\.0\.1-0\.255\.255\.255, 100\.64\.0\.0\/10, 169\.254\.0\.0\/16/],
  },
  {
    name: 'a VPC with a second CIDR block not served',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(reference, { instances: collected([instance({ vpcCidrs: collected(['10.0.0.0/16', '10.1.0.0/16']) })]) }),
    verdict: 'non-compliant',
    says: [/does not serve 10\.1\.0\.0\/16/],
  },
  { name: 'squid.conf unreadable: not verified', control: proxyControls.onlyVpcCidr, inventory: inventory(null), verdict: 'not-verified', says: [/AccessDenied/] },
  {
    name: 'an include the source cannot supply: not verified',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(`include /etc/squid/extra.conf\n${reference}`),
    verdict: 'not-verified',
    says: [/include \/etc\/squid\/extra\.conf/],
  },
  {
    name: 'no instance carries the proxy tag: not verified',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(reference, { instances: collected([]) }),
    verdict: 'not-verified',
    says: [/no EC2 instance tagged Role=forward-proxy/],
  },
  {
    name: 'Squid 5.7 skips a bare "http_access deny": allow localnet / deny to_localhost / deny is an open proxy',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(reference.replace('http_access deny all', 'http_access deny to_localhost\nhttp_access deny')),
    verdict: 'non-compliant',
    says: [/serves .*0\.0\.0\.0-9\.255\.255\.255.* outside VPC vpc-0main .*opposite of the last line .*"http_access deny to_localhost"/],
  },
  {
    name: "Debian's stock localnet lines: short findings naming the ranges beyond the VPC",
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(reference.replace(/^acl localnet src .*$/m, debianLocalnet)),
    verdict: 'non-compliant',
    says: [/serves 0\.0\.0\.1-0\.255\.255\.255, 10\.1\.0\.0-10\.255\.255\.255, .* and \d+ more, outside VPC/, /acl localnet \(8 lines from s3:\/\/conf\/squid\.conf:\d+\) also lists /],
  },
  {
    name: 'an include the file source refused (outside its directory): not verified, naming it',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(`include /proc/self/environ\n${reference}`, {}, { '/proc/self/environ': { refused: 'outside /etc/squid/, the directory of the audited squid.conf' } }),
    verdict: 'not-verified',
    says: [/include \/proc\/self\/environ refused, not read: outside \/etc\/squid\//],
  },
  {
    name: 'a 5 KB line with quotes and 60 includes the source cannot read: one short reason',
    control: proxyControls.onlyVpcCidr,
    inventory: inventory(`${Array.from({ length: 60 }, (_, i) => `include /etc/squid/conf.d/${i}.conf`).join('\n')}\nacl big src ${'"10.0.0.0/16" '.repeat(400)}\n${reference}`),
    verdict: 'not-verified',
    says: [/include \/etc\/squid\/conf\.d\/0\.conf.*and \d+ more$/],
  },
  {
    name: 'a 5 KB http_access line (many acls): findings quote it briefly',
    control: proxyControls.listensAndParses,
    inventory: inventory(reference.replace('http_access deny all', `http_access deny ${'"nosuch" '.repeat(600)}\nhttp_access deny all`)),
    verdict: 'non-compliant',
  },
  { name: 'the VPC could not be read: not verified', control: proxyControls.onlyVpcCidr, inventory: inventory(reference, { instances: collected([instance({ vpcCidrs: notCollected('DescribeVpcs: AccessDenied') })]) }), verdict: 'not-verified' },

  // Listens and parses
  { name: 'http_port 8080 and squid -k parse succeeds', control: proxyControls.listensAndParses, inventory: inventory(reference), verdict: 'compliant' },
  {
    name: 'the tutorial sed result writes http_port8080',
    control: proxyControls.listensAndParses,
    inventory: inventory(applyTutorialSed(stockConf('amazonLinux2'), { vpcCidr: '10.0.0.0/16', port: 8080 }), { syntaxCheck: { ...parsedOk, exitCode: 1, messages: ["squid.conf(59): unrecognized: 'http_port8080'"] } }),
    verdict: 'non-compliant',
    says: [/:59 "http_port8080": unrecognized: 'http_port8080'/, /no http_port line listens on 8080/, /squid -k parse \(Squid 5\.7\) exits 1/],
  },
  {
    name: 'listening on another port',
    control: proxyControls.listensAndParses,
    inventory: inventory(reference.replace('http_port 8080', 'http_port 3128')),
    verdict: 'non-compliant',
    says: [/no http_port line listens on 8080 \(found: .*"http_port 3128"\)/],
  },
  {
    name: 'squid -k parse fails where the parser saw nothing wrong',
    control: proxyControls.listensAndParses,
    inventory: inventory(reference, { syntaxCheck: { ...parsedOk, exitCode: 1, messages: ['FATAL: Bungled squid.conf line 3'] } }),
    verdict: 'non-compliant',
    says: [/exits 1: FATAL: Bungled/],
  },
  {
    name: 'without a squid binary the parser alone decides (and the evidence says so)',
    control: proxyControls.listensAndParses,
    inventory: inventory(reference, { syntaxCheck: { kind: 'unavailable', reason: 'no squid binary' } }),
    verdict: 'compliant',
  },
  { name: 'listens: squid.conf unreadable', control: proxyControls.listensAndParses, inventory: inventory(null), verdict: 'not-verified' },

  // Headers
  { name: 'the tutorial header lines strip both headers both ways', control: proxyControls.stripsIdentifyingHeaders, inventory: inventory(reference), verdict: 'compliant' },
  {
    name: 'header lines left out: all four kept',
    control: proxyControls.stripsIdentifyingHeaders,
    inventory: inventory(reference.replace(/^(request|reply)_header_access (X-Forwarded-For|Via) deny all\n/gm, '')),
    verdict: 'non-compliant',
    says: [/X-Forwarded-For is kept in requests: .*forwarded_for is off/, /Via is kept in requests/, /X-Forwarded-For is kept in replys|X-Forwarded-For is kept in replies/, /Via is kept in repl/],
  },
  {
    name: 'only the reply direction missing',
    control: proxyControls.stripsIdentifyingHeaders,
    inventory: inventory(reference.replace(/^reply_header_access (X-Forwarded-For|Via) deny all\n/gm, '')),
    verdict: 'non-compliant',
    says: [/X-Forwarded-For is kept in repl/, /Via is kept in repl/],
  },
  {
    name: 'Squid 5.7 skips a bare "request_header_access Via deny": Via kept in requests',
    control: proxyControls.stripsIdentifyingHeaders,
    inventory: inventory(reference.replace('request_header_access Via deny all', 'request_header_access Via deny')),
    verdict: 'non-compliant',
    says: [/Via is kept in requests: .*"request_header_access Via deny" has no acl, so Squid 5\.7 skips it/],
  },
  { name: 'headers: squid.conf unreadable', control: proxyControls.stripsIdentifyingHeaders, inventory: inventory(null), verdict: 'not-verified' },

  // Security group
  { name: 'the group admits 8080 from the VPC CIDR only', control: proxyControls.securityGroupVpcOnly, inventory: inventory(reference), verdict: 'compliant' },
  {
    name: 'a group reference and a subnet of the VPC are inside',
    control: proxyControls.securityGroupVpcOnly,
    inventory: inventory(reference, { instances: collected([instance({ ingress: collected([tcp8080('10.0.1.0/24'), { groupId: 'sg-0proxy', rule: { protocol: '6', ports: { from: 8080, to: 8080 }, peer: { kind: 'group', groupId: 'sg-0clients' } } }]) })]) }),
    verdict: 'compliant',
  },
  {
    name: '8080 open to 0.0.0.0/0',
    control: proxyControls.securityGroupVpcOnly,
    inventory: inventory(reference, { instances: collected([instance({ ingress: collected([tcp8080('10.0.0.0/16'), tcp8080('0.0.0.0/0')]) })]) }),
    verdict: 'non-compliant',
    says: [/security-group\/sg-0proxy|sg-0proxy on i-0proxy allows tcp 8080 from 0\.0\.0\.0\/0: wider than VPC vpc-0main/],
  },
  {
    name: 'all traffic from 10.0.0.0/8 covers 8080 from beyond the VPC',
    control: proxyControls.securityGroupVpcOnly,
    inventory: inventory(reference, { instances: collected([instance({ ingress: collected([{ groupId: 'sg-0proxy', rule: { protocol: '-1', peer: { kind: 'cidr', cidr: '10.0.0.0/8' } } }]) })]) }),
    verdict: 'non-compliant',
    says: [/from 10\.0\.0\.0\/8: wider than VPC/],
  },
  {
    name: 'SSH from anywhere is not this control (port 22 is not the proxy port)',
    control: proxyControls.securityGroupVpcOnly,
    inventory: inventory(reference, { instances: collected([instance({ ingress: collected([tcp8080('10.0.0.0/16'), { groupId: 'sg-0proxy', rule: { protocol: '6', ports: { from: 22, to: 22 }, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } } }]) })]) }),
    verdict: 'compliant',
  },
  {
    name: 'a prefix list whose entries are not read: not verified',
    control: proxyControls.securityGroupVpcOnly,
    inventory: inventory(reference, { instances: collected([instance({ ingress: collected([{ groupId: 'sg-0proxy', rule: { protocol: '6', ports: { from: 8080, to: 8080 }, peer: { kind: 'prefix-list', id: 'pl-0clients' } } }]) })]) }),
    verdict: 'not-verified',
    says: [/prefix list pl-0clients/],
  },
  { name: 'security groups unreadable: not verified', control: proxyControls.securityGroupVpcOnly, inventory: inventory(reference, { instances: collected([instance({ ingress: notCollected('DescribeSecurityGroups: AccessDenied') })]) }), verdict: 'not-verified' },
  { name: 'the security group check needs no squid.conf', control: proxyControls.securityGroupVpcOnly, inventory: inventory(null), verdict: 'compliant' },
];

describe('proxy rules', () => {
  for (const c of cases) {
    test(`${c.control.meta.id}: ${c.name}`, () => {
      const result = c.control.evaluate(c.inventory, { account: ACCOUNT, region: 'global', config });
      assert.equal(verdictOf(result), c.verdict, JSON.stringify(result, null, 1).slice(0, 1500));
      const lines = verdictOf(result) === 'non-compliant' ? result.findings.map((f) => f.problem) : [...result.unread, ...(result.notApplicable ? [result.notApplicable] : [])];
      (c.says ?? []).forEach((pattern, i) => assert.match(lines[i] ?? '', pattern, lines.join('\n')));
      if (verdictOf(result) === 'non-compliant') assert.ok(result.findings.every((f) => f.resource.startsWith('arn:aws:ec2:')), 'findings name an ARN');
      // cucumber formats a thrown message in time ~ cube of a line's length, worse with each pair of double quotes.
      for (const line of lines) assert.ok(line.length < 400 && (line.match(/"/g)?.length ?? 0) <= 4, `message line too long or quote-heavy: ${line}`);
    });
  }

  test('skipped lines are warnings in the evidence of the access and header controls', () => {
    const text = reference.replace('http_access deny all', 'http_access deny all\nhttp_access deny').replace('request_header_access Via deny all', 'request_header_access Via deny all\nrequest_header_access Via deny');
    for (const control of [proxyControls.onlyVpcCidr, proxyControls.stripsIdentifyingHeaders, proxyControls.listensAndParses]) {
      const result = control.evaluate(inventory(text), { account: ACCOUNT, region: 'global', config });
      assert.equal(verdictOf(result), 'compliant', control.meta.id);
      const evidence = JSON.stringify(result.evidence);
      assert.equal(evidence.match(/Access line contains no ACL's, skipping/g)?.length, 2, evidence.slice(0, 500));
    }
  });
});

describe('real Squid as an ordinary control', () => {
  const ran = (answers: { method: string; port: number; status: number }[]): RealSquidInventory['run'] =>
    collected({
      source: 's3://conf/squid.conf',
      instance: 'i-0proxy',
      vpcCidrs: ['10.0.0.0/16'],
      outcome: {
        kind: 'ran',
        squidVersion: '5.7',
        rewrites: [],
        proxyPort: 8080,
        measuredAt: '2026-01-01T00:00:00Z',
        probes: [
          { label: 'inside', address: '10.0.1.10', expect: 'served', status: 200, originSaw: { host: 'o' }, replyHeaders: {}, answers: [{ method: 'GET', port: 80, status: 200 }] },
          { label: 'outside', address: '192.0.2.10', expect: 'refused', status: 403, replyHeaders: {}, answers },
        ],
      },
    });
  const realCases: { name: string; inventory: RealSquidInventory; verdict: string; says?: RegExp }[] = [
    { name: 'Squid and the evaluator agree, outside refused everywhere', inventory: { proxy: inventory(reference), run: ran([{ method: 'GET', port: 80, status: 403 }, { method: 'CONNECT', port: 443, status: 403 }]) }, verdict: 'compliant' },
    { name: 'CONNECT :443 let through for an outside client', inventory: { proxy: inventory(reference), run: ran([{ method: 'GET', port: 80, status: 403 }, { method: 'CONNECT', port: 443, status: 200 }]) }, verdict: 'non-compliant', says: /not refused with 403 on CONNECT :443/ },
    { name: 'cannot run here: not verified, never passed', inventory: { proxy: inventory(reference), run: collected({ source: 's', instance: 'i', vpcCidrs: [], outcome: { kind: 'cannot-run', reason: 'network namespaces need root', measuredAt: 'x' } }) }, verdict: 'not-verified', says: /need root/ },
    { name: 'squid.conf unread: not verified', inventory: { proxy: inventory(null), run: notCollected('s3://conf/squid.conf: AccessDenied') }, verdict: 'not-verified', says: /AccessDenied/ },
  ];
  for (const c of realCases) {
    test(c.name, () => {
      const result = proxyControls.realSquidBehaviour.evaluate(c.inventory, { account: ACCOUNT, region: 'global', config });
      assert.equal(verdictOf(result), c.verdict, JSON.stringify(result).slice(0, 800));
      const reasons = [...result.unread, ...(result.notApplicable ? [result.notApplicable] : [])];
      const lines = verdictOf(result) === 'non-compliant' ? findingsOf(result).map((f) => f.problem) : reasons;
      if (c.says) assert.ok(lines.some((l) => c.says!.test(l)), lines.join('\n'));
    });
  }
});
