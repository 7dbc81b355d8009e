import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canReach, hopLabel, type Endpoint } from '../../support/evaluators/network/path';
import { allow, group, hostOf, out, privateAclEntries, publicAclEntries, tcp, tcpFromGroup, twoTier } from './network-fixtures';

const internet: Endpoint = { kind: 'internet', address: '203.0.113.7' };
const admin: Endpoint = { kind: 'internet', address: '198.51.100.10' };

describe('path: route, public address, NACL both ways, security groups', () => {
  const cases: { name: string; view?: ReturnType<typeof twoTier>; from: Endpoint | string; to: Endpoint | string; port: number; reachable: boolean; decidedBy?: string; mentions?: RegExp }[] = [
    { name: 'internet → web 80 through the IGW', from: internet, to: 'i-web', port: 80, reachable: true },
    { name: 'admin → web 22', from: admin, to: 'i-web', port: 22, reachable: true },
    { name: 'internet → web 22: the ACL has no allow (rule *)', from: internet, to: 'i-web', port: 22, reachable: false, decidedBy: 'network ACL ingress rule *' },
    { name: 'internet → web 3389: denied by rule 140', from: internet, to: 'i-web', port: 3389, reachable: false, decidedBy: 'network ACL ingress rule 140' },
    {
      name: 'stateless: without the egress ephemeral rule the reply is dropped',
      view: twoTier({ publicAcl: publicAclEntries().filter((e) => !(e.egress && e.ruleNumber === 150)) }),
      from: internet, to: 'i-web', port: 80, reachable: false, decidedBy: 'network ACL egress rule *',
      mentions: /blocked by acl-pub egress rule \*: return traffic to 203\.0\.113\.7:49152 is not allowed \(NACLs are stateless\)/,
    },
    { name: 'ACL open but the security group has no rule', view: twoTier({ publicAcl: [...publicAclEntries(), allow(160, '0.0.0.0/0', 8080)] }), from: internet, to: 'i-web', port: 8080, reachable: false, decidedBy: 'security group ingress' },
    { name: 'web → db 3306 by group reference', from: 'i-web', to: 'i-db', port: 3306, reachable: true },
    { name: 'web → db 22: the web group does not let it out', from: 'i-web', to: 'i-db', port: 22, reachable: false, decidedBy: 'security group egress' },
    { name: 'db without the private egress reply rule: web → db 3306 fails on the return leg', view: twoTier({ privateAcl: privateAclEntries().filter((e) => !(e.egress && e.ruleNumber === 150)) }), from: 'i-web', to: 'i-db', port: 3306, reachable: false, decidedBy: 'network ACL egress rule *' },
    { name: 'internet → db: a NAT gateway carries no inbound connection', from: internet, to: 'i-db', port: 3306, reachable: false, decidedBy: 'route', mentions: /NAT gateway/ },
    { name: 'db → internet 443 through the NAT gateway in the public subnet', from: 'i-db', to: internet, port: 443, reachable: true, mentions: /nat-1/ },
    { name: 'db → internet via an IGW route without a public address', view: twoTier({ privateDefaultRoute: 'igw' }), from: 'i-db', to: internet, port: 443, reachable: false, decidedBy: 'public address' },
    { name: 'internet → db via an IGW route: still no public address', view: twoTier({ privateDefaultRoute: 'igw' }), from: internet, to: 'i-db', port: 3306, reachable: false, decidedBy: 'public address' },
    {
      name: 'the NAT subnet must pass the reply back to the private subnet',
      view: twoTier({ publicAcl: publicAclEntries().filter((e) => !(e.egress && e.ruleNumber === 150)).concat(out(allow(150, '128.0.0.0/1', 1024, 65535))) }),
      from: 'i-db', to: internet, port: 443, reachable: false, decidedBy: 'network ACL egress rule *',
    },
    {
      name: 'a web group open to everyone on 22 is still stopped by the ACL',
      view: twoTier({ web: group('sg-web', [tcp(22, '0.0.0.0/0')], [tcpFromGroup(3306, 'sg-db')], { tags: { Tier: 'web' } }) }),
      from: internet, to: 'i-web', port: 22, reachable: false, decidedBy: 'network ACL ingress rule *',
    },
    { name: 'admin → web 22 when the group allows only another range', view: twoTier({ web: group('sg-web', [tcp(22, '192.0.2.0/24')], [], { tags: { Tier: 'web' } }) }), from: admin, to: 'i-web', port: 22, reachable: false, decidedBy: 'security group ingress' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const view = c.view ?? twoTier();
      const end = (e: Endpoint | string): Endpoint => (typeof e === 'string' ? hostOf(view, e) : e);
      const verdict = canReach(view, end(c.from), end(c.to), { protocol: '6', port: c.port });
      assert.equal(verdict.reachable, c.reachable, verdict.explanation);
      if (c.decidedBy) assert.equal(hopLabel(verdict.deciding), c.decidedBy, verdict.explanation);
      if (c.mentions) assert.match(verdict.explanation, c.mentions);
    });
  }

  describe('IPv6', () => {
    const v6 = (gateway: 'internet-gateway' | 'egress-only-internet-gateway', id: string) => {
      const view = twoTier({
        publicAcl: [...publicAclEntries(), allow(200, '::/0', 443), out(allow(200, '::/0', 1024, 65535)), out(allow(210, '::/0', 443)), allow(210, '::/0', 1024, 65535)],
        web: group('sg-web', [tcp(443, '::/0')], [tcp(443, '::/0')], { tags: { Tier: 'web' } }),
      });
      const route = { destination: '::/0', target: { kind: gateway, id }, state: 'active' as const };
      return {
        ...view,
        routeTables: view.routeTables.map((t) => (t.id === 'rtb-pub' ? { ...t, routes: [...t.routes, route] } : t)),
        instances: view.instances.map((i) => (i.id === 'i-web' ? { ...i, ipv6Addresses: ['2001:db8:1::10'] } : i)),
      };
    };
    const client: Endpoint = { kind: 'internet', address: '2001:db8::7' };
    test('::/0 to the internet gateway, an IPv6 address, ::/0 rules: reachable', () => {
      const view = v6('internet-gateway', 'igw-1');
      const verdict = canReach(view, client, hostOf(view, 'i-web'), { protocol: '6', port: 443 });
      assert.equal(verdict.reachable, true, verdict.explanation);
    });
    test('an egress-only gateway lets nothing in', () => {
      const view = v6('egress-only-internet-gateway', 'eigw-1');
      const verdict = canReach(view, client, hostOf(view, 'i-web'), { protocol: '6', port: 443 });
      assert.equal(hopLabel(verdict.deciding), 'route', verdict.explanation);
      assert.match(verdict.explanation, /egress-only internet gateway carries only connections started from inside/);
    });
    test('an egress-only gateway lets the instance out', () => {
      const view = v6('egress-only-internet-gateway', 'eigw-1');
      const verdict = canReach(view, hostOf(view, 'i-web'), client, { protocol: '6', port: 443 });
      assert.equal(verdict.reachable, true, verdict.explanation);
    });
    test('without an IPv6 route nothing arrives over IPv6', () => {
      const view = twoTier();
      const verdict = canReach(view, client, hostOf(view, 'i-web'), { protocol: '6', port: 443 });
      assert.match(verdict.explanation, /blocked by rtb-pub: has no route to 2001:db8::7/);
    });
  });

  test('a subnet without its own route table uses the main table (no IGW there: no route)', () => {
    const view = twoTier();
    const detached = { ...view, routeTables: view.routeTables.map((t) => (t.id === 'rtb-pub' ? { ...t, subnetIds: [] } : t)) };
    const verdict = canReach(detached, internet, hostOf(view, 'i-web'), { protocol: '6', port: 80 });
    assert.equal(verdict.reachable, false);
    assert.match(verdict.explanation, /blocked by rtb-main: has no route to 203\.0\.113\.7/);
  });

});
