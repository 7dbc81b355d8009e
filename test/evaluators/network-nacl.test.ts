import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideNacl, openFromAnywhere } from '../../support/evaluators/network/nacl';
import type { NaclEntry } from '../../support/inventory/types/network';
import { acl, ADMIN, allow, deny, out, publicAclEntries } from './network-fixtures';

const packet = (source: string, destination: string, port: number, protocol = '6') => ({ protocol, source, destination, port });

describe('network ACL: ascending rule number, first match wins, * denies', () => {
  const cases: { name: string; entries: NaclEntry[]; direction: 'ingress' | 'egress'; packet: ReturnType<typeof packet>; action: 'allow' | 'deny'; rule: string }[] = [
    { name: 'allow 80 from anywhere admits tcp 80', entries: [allow(100, '0.0.0.0/0', 80)], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 80), action: 'allow', rule: '100' },
    { name: 'deny 100 before allow 200 wins (rule order, not listing order)', entries: [allow(200, '0.0.0.0/0', 22), deny(100, '0.0.0.0/0', 22)], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 22), action: 'deny', rule: '100' },
    { name: 'allow 100 before deny 200 wins', entries: [allow(100, ADMIN, 22), deny(200, '0.0.0.0/0', 22)], direction: 'ingress', packet: packet('198.51.100.10', '10.0.1.4', 22), action: 'allow', rule: '100' },
    { name: 'nothing matches: the * rule denies', entries: [allow(100, '0.0.0.0/0', 80)], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 22), action: 'deny', rule: '*' },
    { name: 'a new custom ACL (only *) denies everything', entries: [], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 443), action: 'deny', rule: '*' },
    { name: 'protocol -1 matches every port', entries: [allow(100, '0.0.0.0/0', undefined, undefined, '-1')], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 3389), action: 'allow', rule: '100' },
    { name: 'a tcp rule does not match udp', entries: [allow(100, '0.0.0.0/0', 53)], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 53, '17'), action: 'deny', rule: '*' },
    { name: 'egress is matched on the destination: ephemeral replies allowed', entries: [out(allow(150, '0.0.0.0/0', 1024, 65535))], direction: 'egress', packet: packet('10.0.1.4', '203.0.113.7', 49152), action: 'allow', rule: '150' },
    { name: 'ingress rules do not decide egress (stateless)', entries: [allow(100, '0.0.0.0/0', 80)], direction: 'egress', packet: packet('10.0.1.4', '203.0.113.7', 49152), action: 'deny', rule: '*' },
    { name: 'an icmp rule (any type) matches icmp, not tcp', entries: [{ ...allow(100, '0.0.0.0/0', undefined, undefined, '1'), icmp: { type: -1, code: -1 } }], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 8, '1'), action: 'allow', rule: '100' },
    { name: 'an icmp echo-request rule does not match another type', entries: [{ ...allow(100, '0.0.0.0/0', undefined, undefined, '1'), icmp: { type: 8, code: -1 } }], direction: 'ingress', packet: packet('203.0.113.7', '10.0.1.4', 3, '1'), action: 'deny', rule: '*' },
    { name: 'an icmpv6 (58) rule does not match icmp (1)', entries: [allow(100, '::/0', undefined, undefined, '58')], direction: 'ingress', packet: packet('2001:db8::7', '2001:db8:1::4', 128, '1'), action: 'deny', rule: '*' },
    { name: 'an IPv6 rule matches an IPv6 source only', entries: [allow(100, '::/0', 443)], direction: 'ingress', packet: packet('2001:db8::7', '10.0.1.4', 443), action: 'allow', rule: '100' },
    { name: 'an IPv4 rule does not match an IPv6 source', entries: [allow(100, '0.0.0.0/0', 443)], direction: 'ingress', packet: packet('2001:db8::7', '10.0.1.4', 443), action: 'deny', rule: '*' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const decision = decideNacl(acl('acl-1', c.entries), c.direction, c.packet);
      assert.deepEqual({ action: decision.action, rule: decision.rule }, { action: c.action, rule: c.rule });
    });
  }
});

describe('network ACL: is 22/3389 effectively open from anywhere (CIS 5.2)?', () => {
  const cases: { name: string; entries: NaclEntry[]; port: number; protocol?: string; family?: 'ipv4' | 'ipv6'; open: string[] | null }[] = [
    { name: 'the default ACL (allow all) admits 22', entries: [allow(100, '0.0.0.0/0', undefined, undefined, '-1')], port: 22, open: ['100'] },
    { name: 'the default ACL admits udp 3389 too', entries: [allow(100, '0.0.0.0/0', undefined, undefined, '-1')], port: 3389, protocol: '17', open: ['100'] },
    { name: 'an allow shadowed by an earlier deny admits nothing', entries: [deny(90, '0.0.0.0/0', 22), allow(100, '0.0.0.0/0', 22)], port: 22, open: null },
    { name: 'a deny numbered after the allow does not help', entries: [allow(100, '0.0.0.0/0', 22), deny(110, '0.0.0.0/0', 22)], port: 22, open: ['100'] },
    { name: 'a partial deny leaves the allow reached', entries: [deny(90, '10.0.0.0/8', 22), allow(100, '0.0.0.0/0', 22)], port: 22, open: ['100'] },
    { name: 'the ephemeral range admits 3389 from anywhere', entries: [allow(150, '0.0.0.0/0', 1024, 65535)], port: 3389, open: ['150'] },
    { name: 'the ephemeral range with a deny 3389 first is compliant', entries: [deny(140, '0.0.0.0/0', 3389), allow(150, '0.0.0.0/0', 1024, 65535)], port: 3389, open: null },
    { name: 'SSH from the admin range only is compliant', entries: [allow(120, ADMIN, 22)], port: 22, open: null },
    { name: 'two halves of the internet add up to anywhere', entries: [allow(100, '0.0.0.0/1', 22), allow(101, '128.0.0.0/1', 22)], port: 22, open: ['100', '101'] },
    { name: '::/0 is checked for the IPv6 family', entries: [allow(100, '::/0', 3389)], port: 3389, family: 'ipv6', open: ['100'] },
    { name: 'an IPv4 deny does not shadow an IPv6 allow', entries: [deny(90, '0.0.0.0/0', 22), allow(100, '::/0', 22)], port: 22, family: 'ipv6', open: ['100'] },
    { name: 'egress rules are not ingress', entries: [out(allow(100, '0.0.0.0/0', 22))], port: 22, open: null },
    { name: 'the reference public ACL is compliant for 3389', entries: publicAclEntries(), port: 3389, open: null },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = openFromAnywhere(acl('acl-1', c.entries), c.protocol ?? '6', c.port, c.family ?? 'ipv4');
      assert.deepEqual(result?.rules ?? null, c.open, result?.explanation);
    });
  }
});
