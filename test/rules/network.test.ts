import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PostureConfig } from '../../support/config/schema';
import type { NetworkInventory, PrefixList, SgRule } from '../../support/inventory/types/network';
import { networkControls, reachability, type ReachabilityQuestion } from '../../support/rules/network';
import type { Control } from '../../support/rules/control';
import { acl, ADMIN, allow, allTraffic, deny, group, inventoryOf, publicAclEntries, tcp, tcpFromGroup, twoTier } from '../evaluators/network-fixtures';
import { verdictOf } from '../../support/rules/types';

const config = {
  regions: ['us-east-1'],
  network: { adminCidrs: [ADMIN], publicPorts: [80, 443], highRiskPorts: [20, 21, 23, 25, 445, 1433, 3306, 3389, 5432, 6379, 9200, 27017], tiers: { web: { tag: 'Tier=web', placement: 'public' }, db: { tag: 'Tier=db', placement: 'private', reachableFrom: ['web'] } } },
} as unknown as PostureConfig;

const run = (control: Control<'network'>, inventory: NetworkInventory) => control.evaluate(inventory, { account: '111122223333', region: 'us-east-1', config });

type Case = { name: string; control: Control<'network'>; inventory: NetworkInventory; verdict: string; mentions?: RegExp };

const view = twoTier;
const withGroups = (...extra: ReturnType<typeof group>[]) => {
  const v = view();
  return inventoryOf({ ...v, securityGroups: [...v.securityGroups, ...extra] });
};
const sshFromList = (id: string): SgRule => ({ protocol: '6', ports: { from: 22, to: 22 }, peer: { kind: 'prefix-list', id } });
const withPrefixList = (extra: ReturnType<typeof group>, prefixLists: PrefixList[]) => {
  const v = view();
  return inventoryOf({ ...v, securityGroups: [...v.securityGroups, extra], prefixLists });
};
const withAcls = (...extra: ReturnType<typeof acl>[]) => {
  const v = view();
  return inventoryOf({ ...v, networkAcls: [...v.networkAcls.filter((a) => !a.isDefault), ...extra] });
};

const cases: Case[] = [
  // 5.2 (the fixture's default ACL allows all, as AWS creates it)
  { name: '5.2: the untouched default ACL admits 22 from anywhere', control: networkControls.naclAdminPorts, inventory: inventoryOf(view()), verdict: 'non-compliant', mentions: /acl-default \(default\) ingress rule 100 allows all traffic from 0\.0\.0\.0\/0: tcp and udp 22 admitted/ },
  { name: '5.2: custom ACLs with deny-3389 before the ephemeral allow', control: networkControls.naclAdminPorts, inventory: withAcls(), verdict: 'compliant' },
  { name: '5.2: an allow 22 shadowed by an earlier deny', control: networkControls.naclAdminPorts, inventory: withAcls(acl('acl-x', [deny(130, '0.0.0.0/0', 22), allow(131, '0.0.0.0/0', 22)])), verdict: 'compliant' },
  { name: '5.2: the ephemeral allow without deny 3389', control: networkControls.naclAdminPorts, inventory: withAcls(acl('acl-x', [allow(150, '0.0.0.0/0', 1024, 65535)])), verdict: 'non-compliant', mentions: /rule 150 allows tcp 1024-65535 from 0\.0\.0\.0\/0: tcp 3389 admitted from 0\.0\.0\.0\/0/ },
  { name: '5.2: ACLs unreadable', control: networkControls.naclAdminPorts, inventory: inventoryOf(view(), { networkAcls: 'EC2 DescribeNetworkAcls: AccessDenied' }), verdict: 'not-verified' },
  // 5.3 / 5.4
  { name: '5.3: the two-tier groups', control: networkControls.sgAdminPortsIpv4, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: '5.3: launch-wizard-1 opens 22 to 0.0.0.0/0', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-lw', [tcp(22, '0.0.0.0/0')], undefined, { name: 'launch-wizard-1' })), verdict: 'non-compliant', mentions: /launch-wizard-1.*admits 22 from 0\.0\.0\.0\/0/ },
  { name: '5.3: ::/0 on 3389 is not 5.3', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-rdp', [tcp(3389, '::/0')])), verdict: 'compliant' },
  { name: '5.3: groups unreadable', control: networkControls.sgAdminPortsIpv4, inventory: inventoryOf(view(), { securityGroups: 'throttled' }), verdict: 'not-verified' },
  { name: '5.3: 22 from a prefix list holding 0.0.0.0/0', control: networkControls.sgAdminPortsIpv4, inventory: withPrefixList(group('sg-pl', [sshFromList('pl-open')]), [{ id: 'pl-open', name: 'open', cidrs: ['0.0.0.0/0'] }]), verdict: 'non-compliant', mentions: /admits 22 from 0\.0\.0\.0\/0/ },
  { name: '5.3: 22 from a prefix list that was not read back is not verified (not closed)', control: networkControls.sgAdminPortsIpv4, inventory: withPrefixList(group('sg-pl', [sshFromList('pl-unread')]), []), verdict: 'not-verified' },
  { name: '5.4: ::/0 on 3389', control: networkControls.sgAdminPortsIpv6, inventory: withGroups(group('sg-rdp', [tcp(3389, '::/0')])), verdict: 'non-compliant', mentions: /admits 3389 from ::\/0/ },
  { name: '5.4: the two-tier groups', control: networkControls.sgAdminPortsIpv6, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: '5.4: groups unreadable', control: networkControls.sgAdminPortsIpv6, inventory: inventoryOf(view(), { securityGroups: 'AccessDenied' }), verdict: 'not-verified' },
  // 5.3 / 5.4 / 5.1.2 as address sets: the union of a group's rules, not each rule alone
  { name: '5.3: 22 from 0.0.0.0/1 + 128.0.0.0/1 is the whole internet', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-halves', [tcp(22, '0.0.0.0/1'), tcp(22, '128.0.0.0/1')])), verdict: 'non-compliant', mentions: /admits 22 from 0\.0\.0\.0\/0 \(tcp; every public IPv4 address, via 0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1\)/ },
  { name: '5.3: 22 from 0.0.0.0/0 as 256 /8 rules', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-eights', Array.from({ length: 256 }, (_, i) => tcp(22, `${i}.0.0.0/8`)))), verdict: 'non-compliant', mentions: /sg-eights.*admits 22 from 0\.0\.0\.0\/0/ },
  { name: '5.3: every address but 10.0.0.0/8 (a private range) is still the internet', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-holes', [tcp(22, '0.0.0.0/5'), tcp(22, '8.0.0.0/7'), tcp(22, '11.0.0.0/8'), tcp(22, '12.0.0.0/6'), tcp(22, '16.0.0.0/4'), tcp(22, '32.0.0.0/3'), tcp(22, '64.0.0.0/2'), tcp(22, '128.0.0.0/1')])), verdict: 'non-compliant', mentions: /sg-holes/ },
  { name: '5.3: the halves on different ports do not add up', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-split-ports', [tcp(22, '0.0.0.0/1'), tcp(3389, '128.0.0.0/1')])), verdict: 'compliant' },
  { name: '5.3: one half only (a public /1 is not the internet)', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-half', [tcp(22, '0.0.0.0/1')])), verdict: 'compliant' },
  { name: '5.3: the private ranges together are not the internet', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-private', [tcp(22, '10.0.0.0/8'), tcp(22, '172.16.0.0/12'), tcp(22, '192.168.0.0/16')])), verdict: 'compliant' },
  { name: '5.3: a group reference admits its members, never the internet', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-ref', [tcpFromGroup(22, 'sg-web')])), verdict: 'compliant' },
  { name: '5.3: a prefix list of four /2 blocks', control: networkControls.sgAdminPortsIpv4, inventory: withPrefixList(group('sg-pl4', [sshFromList('pl-quarters')]), [{ id: 'pl-quarters', name: 'quarters', cidrs: ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'] }]), verdict: 'non-compliant', mentions: /via prefix list pl-quarters \(quarters\)/ },
  { name: '5.3: all traffic from the halves opens 22 too', control: networkControls.sgAdminPortsIpv4, inventory: withGroups(group('sg-all-halves', [allTraffic('0.0.0.0/1'), tcp(22, '128.0.0.0/1')])), verdict: 'non-compliant', mentions: /sg-all-halves/ },
  { name: '5.4: 22 from 2000::/3 (all global unicast) is the IPv6 internet', control: networkControls.sgAdminPortsIpv6, inventory: withGroups(group('sg-v6', [tcp(22, '2000::/4'), tcp(22, '3000::/4')])), verdict: 'non-compliant', mentions: /admits 22 from ::\/0/ },
  { name: '5.1.2: 445 from 0.0.0.0/0', control: networkControls.sgCifs, inventory: withGroups(group('sg-smb', [tcp(445, '0.0.0.0/0')])), verdict: 'non-compliant', mentions: /sg-smb.*admits 445 from 0\.0\.0\.0\/0/ },
  { name: '5.1.2: 445 from ::/0', control: networkControls.sgCifs, inventory: withGroups(group('sg-smb6', [tcp(445, '::/0')])), verdict: 'non-compliant', mentions: /admits 445 from ::\/0/ },
  { name: '5.1.2: 445 from the VPC only', control: networkControls.sgCifs, inventory: withGroups(group('sg-smb-vpc', [tcp(445, '10.0.0.0/16')])), verdict: 'compliant' },
  { name: '5.1.2: the two-tier groups', control: networkControls.sgCifs, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: '5.1.2: 445 from a prefix list that was not read back', control: networkControls.sgCifs, inventory: withPrefixList(group('sg-pl', [{ protocol: '6', ports: { from: 445, to: 445 }, peer: { kind: 'prefix-list', id: 'pl-unread' } }]), []), verdict: 'not-verified' },
  { name: '5.1.2: groups unreadable', control: networkControls.sgCifs, inventory: inventoryOf(view(), { securityGroups: 'AccessDenied' }), verdict: 'not-verified' },
  // high-risk ports (beyond CIS)
  { name: 'high-risk: the two-tier groups', control: networkControls.sgHighRiskPorts, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: 'high-risk: MySQL from the internet in /8s', control: networkControls.sgHighRiskPorts, inventory: withGroups(group('sg-mysql', Array.from({ length: 256 }, (_, i) => tcp(3306, `${i}.0.0.0/8`)))), verdict: 'non-compliant', mentions: /admits 3306 from 0\.0\.0\.0\/0/ },
  { name: 'high-risk: all traffic from the internet', control: networkControls.sgHighRiskPorts, inventory: withGroups(group('sg-open', [allTraffic('0.0.0.0/0')])), verdict: 'non-compliant', mentions: /admits all ports from 0\.0\.0\.0\/0/ },
  { name: 'high-risk: tcp 0-65535 from ::/0', control: networkControls.sgHighRiskPorts, inventory: withGroups(group('sg-range', [{ protocol: '6', ports: { from: 0, to: 65535 }, peer: { kind: 'cidr', cidr: '::/0' } }])), verdict: 'non-compliant', mentions: /admits all ports from ::\/0/ },
  { name: 'high-risk: 22, 3389 and 445 are left to their CIS scenarios', control: networkControls.sgHighRiskPorts, inventory: withGroups(group('sg-cis', [tcp(22, '0.0.0.0/0'), tcp(3389, '0.0.0.0/0'), tcp(445, '0.0.0.0/0')])), verdict: 'compliant' },
  { name: 'high-risk: Redis only from the VPC', control: networkControls.sgHighRiskPorts, inventory: withGroups(group('sg-redis', [tcp(6379, '10.0.0.0/16')])), verdict: 'compliant' },
  { name: 'high-risk: groups unreadable', control: networkControls.sgHighRiskPorts, inventory: inventoryOf(view(), { securityGroups: 'AccessDenied' }), verdict: 'not-verified' },
  // 5.5
  { name: '5.5: empty default group', control: networkControls.defaultSecurityGroupClosed, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: '5.5: default group as AWS creates it (self + all egress)', control: networkControls.defaultSecurityGroupClosed, inventory: withGroups(group('sg-default-2', [tcpFromGroup(0, 'sg-default-2')], undefined, { isDefault: true, name: 'default', vpcId: 'vpc-2' })), verdict: 'non-compliant', mentions: /default group sg-default-2 of vpc-2/ },
  { name: '5.5: groups unreadable', control: networkControls.defaultSecurityGroupClosed, inventory: inventoryOf(view(), { securityGroups: 'AccessDenied' }), verdict: 'not-verified' },
  // tier exposure
  { name: 'tiers: web 80/443 from anywhere, 22 from the admins', control: networkControls.tierExposure, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: 'tiers: web 8080 from anywhere', control: networkControls.tierExposure, inventory: inventoryOf(twoTier({ web: group('sg-web', [tcp(80, '0.0.0.0/0'), tcp(8080, '0.0.0.0/0')], [], { tags: { Tier: 'web' } }) })), verdict: 'non-compliant', mentions: /only the public ports \(80, 443\)/ },
  { name: 'tiers: web 22 from outside the admin CIDRs', control: networkControls.tierExposure, inventory: inventoryOf(twoTier({ web: group('sg-web', [tcp(22, '10.0.0.0/8')], [], { tags: { Tier: 'web' } }) })), verdict: 'non-compliant', mentions: /outside network\.adminCidrs/ },
  { name: 'tiers: db 3306 from anywhere', control: networkControls.tierExposure, inventory: inventoryOf(twoTier({ db: group('sg-db', [tcp(3306, '0.0.0.0/0')], [], { tags: { Tier: 'db' } }) })), verdict: 'non-compliant', mentions: /a private tier admits nothing from everyone/ },
  { name: 'tiers: db 3306 from the VPC range instead of the web group', control: networkControls.tierExposure, inventory: inventoryOf(twoTier({ db: group('sg-db', [tcpFromGroup(3306, 'sg-web'), tcp(3306, '10.0.0.0/16')], [], { tags: { Tier: 'db' } }) })), verdict: 'non-compliant', mentions: /tcp 3306 from 10\.0\.0\.0\/16: only the security groups of the web tier may reach the db tier/ },
  { name: 'tiers: db 3306 from a group outside the web tier', control: networkControls.tierExposure, inventory: inventoryOf(twoTier({ db: group('sg-db', [tcpFromGroup(3306, 'sg-other')], [], { tags: { Tier: 'db' } }) })), verdict: 'non-compliant', mentions: /only the security groups of the web tier/ },
  { name: 'tiers: web 22 from a prefix list that was not read back is not verified', control: networkControls.tierExposure, inventory: inventoryOf(twoTier({ web: group('sg-web', [tcp(80, '0.0.0.0/0'), sshFromList('pl-unread')], [], { tags: { Tier: 'web' } }) })), verdict: 'not-verified' },
  { name: 'tiers: unreadable', control: networkControls.tierExposure, inventory: inventoryOf(view(), { subnets: 'AccessDenied' }), verdict: 'not-verified' },
  // private tier routes
  { name: 'private tier: 0.0.0.0/0 to a NAT gateway in a public subnet', control: networkControls.privateTierRoutes, inventory: inventoryOf(view()), verdict: 'compliant' },
  { name: 'private tier: routed to the internet gateway', control: networkControls.privateTierRoutes, inventory: inventoryOf(twoTier({ privateDefaultRoute: 'igw' })), verdict: 'non-compliant', mentions: /routes 0\.0\.0\.0\/0 to the internet gateway igw-1/ },
  { name: 'private tier: route tables unreadable', control: networkControls.privateTierRoutes, inventory: inventoryOf(view(), { routeTables: 'AccessDenied' }), verdict: 'not-verified' },
];

describe('network rules', () => {
  for (const c of cases) {
    test(c.name, () => {
      const result = run(c.control, c.inventory);
      assert.equal(verdictOf(result), c.verdict, JSON.stringify(result, null, 1).slice(0, 1500));
      if (c.mentions) assert.match(verdictOf(result) === 'non-compliant' ? result.findings.map((f) => f.problem).join('\n') : '', c.mentions);
    });
  }
});

describe('network reachability control', () => {
  const q = (source: string, target: string, port: number, expected: 'allowed' | 'blocked'): ReachabilityQuestion => {
    const party = (w: string) => (w === 'internet' ? { kind: 'internet' as const } : w === 'admin' ? { kind: 'admin' as const } : { kind: 'tier' as const, tier: w });
    return { source: party(source), target: party(target), protocol: '6', port, expected };
  };
  const rows: { question: ReachabilityQuestion; inventory: NetworkInventory; verdict: string; mentions?: RegExp }[] = [
    { question: q('internet', 'web', 80, 'allowed'), inventory: inventoryOf(view()), verdict: 'compliant' },
    { question: q('admin', 'web', 22, 'allowed'), inventory: inventoryOf(view()), verdict: 'compliant' },
    { question: q('internet', 'web', 22, 'blocked'), inventory: inventoryOf(view()), verdict: 'compliant' },
    { question: q('web', 'db', 3306, 'allowed'), inventory: inventoryOf(view()), verdict: 'compliant' },
    { question: q('db', 'internet', 443, 'allowed'), inventory: inventoryOf(view()), verdict: 'compliant' },
    {
      question: q('internet', 'web', 80, 'allowed'),
      inventory: inventoryOf(twoTier({ publicAcl: publicAclEntries().filter((e) => !(e.egress && e.ruleNumber === 150)) })),
      verdict: 'non-compliant',
      mentions: /expected allowed, but blocked by acl-pub egress rule \*: return traffic to 203\.0\.113\.7:49152 is not allowed \(NACLs are stateless\)/,
    },
    {
      question: q('internet', 'web', 22, 'blocked'),
      inventory: inventoryOf(twoTier({ publicAcl: [...publicAclEntries(), allow(125, '0.0.0.0/0', 22)], web: group('sg-web', [tcp(22, '0.0.0.0/0')], [], { tags: { Tier: 'web' } }) })),
      verdict: 'non-compliant',
      mentions: /expected blocked, but allowed/,
    },
    { question: q('internet', 'web', 80, 'allowed'), inventory: inventoryOf(view(), { networkAcls: 'AccessDenied' }), verdict: 'not-verified' },
    { question: q('internet', 'cache', 6379, 'blocked'), inventory: inventoryOf(view()), verdict: 'not-verified', mentions: undefined },
    { question: q('web', 'web', 22, 'blocked'), inventory: inventoryOf(view()), verdict: 'not-applicable' },
    { question: q('internet', 'web', 22, 'blocked'), inventory: inventoryOf(twoTier({ publicAcl: [...publicAclEntries(), allow(125, '0.0.0.0/0', 22)], web: group('sg-web', [sshFromList('pl-unread')], [], { tags: { Tier: 'web' } }) })), verdict: 'not-verified' },
  ];
  for (const row of rows) {
    const { source, target, port, expected } = row.question;
    test(`${JSON.stringify(source)} → ${JSON.stringify(target)} tcp ${port} ${expected}: ${row.verdict}`, () => {
      const result = run(reachability(row.question), row.inventory);
      assert.equal(verdictOf(result), row.verdict, JSON.stringify(result).slice(0, 1500));
      if (row.mentions) assert.match(verdictOf(result) === 'non-compliant' ? result.findings.map((f) => f.problem).join('\n') : '', row.mentions);
    });
  }

  test('a tier absent from a region is not applicable there (not a pass of its own)', () => {
    const v = view();
    const result = run(reachability(q('internet', 'web', 80, 'allowed')), inventoryOf({ ...v, instances: [], subnets: [], securityGroups: [] }));
    assert.equal(verdictOf(result), 'not-applicable');
  });
});
