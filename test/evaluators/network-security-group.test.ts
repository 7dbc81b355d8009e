import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideSecurityGroups, opensPortToAnywhere } from '../../support/evaluators/network/security-group';
import type { PrefixList, SgRule } from '../../support/inventory/types/network';
import { ADMIN, allTraffic, group, tcp, tcpFromGroup } from './network-fixtures';

const prefixLists = new Map<string, PrefixList>([['pl-office', { id: 'pl-office', name: 'office', cidrs: ['192.0.2.0/24'] }], ['pl-open', { id: 'pl-open', name: 'open', cidrs: ['0.0.0.0/0'] }]]);

describe('security groups: a union of allows, matched by CIDR, IPv6, prefix list or group', () => {
  const cases: { name: string; groups: ReturnType<typeof group>[]; direction: 'ingress' | 'egress'; port: number; other: { address: string; groupIds: string[] }; allowedBy: string | null }[] = [
    { name: 'a new group admits nothing inbound', groups: [group('sg-new', [])], direction: 'ingress', port: 80, other: { address: '203.0.113.7', groupIds: [] }, allowedBy: null },
    { name: 'a new group allows everything outbound', groups: [group('sg-new', [])], direction: 'egress', port: 443, other: { address: '203.0.113.7', groupIds: [] }, allowedBy: 'sg-new' },
    { name: 'SSH from the admin range admits an admin', groups: [group('sg-web', [tcp(22, ADMIN)])], direction: 'ingress', port: 22, other: { address: '198.51.100.10', groupIds: [] }, allowedBy: 'sg-web' },
    { name: 'SSH from the admin range refuses anyone else', groups: [group('sg-web', [tcp(22, ADMIN)])], direction: 'ingress', port: 22, other: { address: '203.0.113.7', groupIds: [] }, allowedBy: null },
    { name: 'a group cannot deny: a second group still admits', groups: [group('sg-admin', [tcp(22, ADMIN)]), group('sg-open', [tcp(22, '0.0.0.0/0')])], direction: 'ingress', port: 22, other: { address: '203.0.113.7', groupIds: [] }, allowedBy: 'sg-open' },
    { name: 'a group reference admits members of that group', groups: [group('sg-db', [tcpFromGroup(3306, 'sg-web')])], direction: 'ingress', port: 3306, other: { address: '10.0.1.4', groupIds: ['sg-web'] }, allowedBy: 'sg-db' },
    { name: 'a group reference refuses non-members, even from inside the VPC', groups: [group('sg-db', [tcpFromGroup(3306, 'sg-web')])], direction: 'ingress', port: 3306, other: { address: '10.0.1.5', groupIds: ['sg-other'] }, allowedBy: null },
    { name: 'an IPv6 rule admits an IPv6 client', groups: [group('sg-v6', [tcp(443, '::/0')])], direction: 'ingress', port: 443, other: { address: '2001:db8::7', groupIds: [] }, allowedBy: 'sg-v6' },
    { name: 'a prefix list admits its entries', groups: [group('sg-pl', [{ protocol: '6', ports: { from: 22, to: 22 }, peer: { kind: 'prefix-list', id: 'pl-office' } }])], direction: 'ingress', port: 22, other: { address: '192.0.2.9', groupIds: [] }, allowedBy: 'sg-pl' },
    { name: 'all traffic covers every port', groups: [group('sg-all', [allTraffic('10.0.0.0/16')])], direction: 'ingress', port: 5432, other: { address: '10.0.2.4', groupIds: [] }, allowedBy: 'sg-all' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const decision = decideSecurityGroups(c.groups, c.direction, { protocol: '6', port: c.port, other: c.other }, prefixLists);
      assert.equal(decision.allowed ? decision.groupId : null, c.allowedBy, decision.explanation);
    });
  }
});

describe('security groups: rules opening an admin port to anywhere (CIS 5.3/5.4)', () => {
  const pl = (id: string): SgRule => ({ protocol: '6', ports: { from: 22, to: 22 }, peer: { kind: 'prefix-list', id } });
  const cases: [string, SgRule, number, 'ipv4' | 'ipv6', boolean][] = [
    ['tcp 22 from 0.0.0.0/0', tcp(22, '0.0.0.0/0'), 22, 'ipv4', true],
    ['all traffic from 0.0.0.0/0 covers 3389', allTraffic('0.0.0.0/0'), 3389, 'ipv4', true],
    ['a range 0-65535 from ::/0 covers 22 for IPv6', { protocol: '6', ports: { from: 0, to: 65535 }, peer: { kind: 'cidr', cidr: '::/0' } }, 22, 'ipv6', true],
    ['::/0 is not 0.0.0.0/0', tcp(3389, '::/0'), 3389, 'ipv4', false],
    ['tcp 22 from the admin range', tcp(22, ADMIN), 22, 'ipv4', false],
    ['tcp 443 from anywhere is not an admin port', tcp(443, '0.0.0.0/0'), 22, 'ipv4', false],
    ['a prefix list holding 0.0.0.0/0', pl('pl-open'), 22, 'ipv4', true],
    ['a prefix list of the office', pl('pl-office'), 22, 'ipv4', false],
    ['icmp from anywhere carries no port', { protocol: '1', ports: { from: -1, to: -1 }, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 22, 'ipv4', false],
  ];
  for (const [name, rule, port, family, expected] of cases) test(name, () => assert.equal(opensPortToAnywhere(rule, port, family, prefixLists), expected));
});
