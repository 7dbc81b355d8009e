import assert from 'node:assert/strict';
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { NetworkExamScene } from '../support/estates/exam/network';
import { loadedOnFirstUse } from '../support/estates/exam/lazy';
import { hopLabel } from '../support/evaluators/network/path';
import { networkControls, parseParty, reachability } from '../support/rules/network';
import type { PostureWorld } from '../support/world';

/** @exam builders and evaluators: loaded when an @exam scenario first runs (an audit runs none). */
const exam = loadedOnFirstUse(() => require('../support/estates/exam/network') as typeof import('../support/estates/exam/network'));

defineParameterType({ name: 'network-party', regexp: /the IPv6 internet|the internet|an admin address|the [a-z0-9-]+ tier/, transformer: parseParty });
defineParameterType({ name: 'network-verdict', regexp: /allowed|blocked/, transformer: (word: string) => word as 'allowed' | 'blocked' });
defineParameterType({ name: 'nacl-action', regexp: /allows|denies/, transformer: (word: string) => (word === 'allows' ? 'allow' : 'deny') });
defineParameterType({ name: 'nacl-direction', regexp: /inbound|outbound/, transformer: (word: string) => word === 'outbound' });

Then('no network ACL admits TCP or UDP port 22 or 3389 from 0.0.0.0\\/0 or ::\\/0 past its earlier rules', function (this: PostureWorld) {
  return this.assertControl(networkControls.naclAdminPorts);
});

Then('no security group admits port 22 or 3389 from 0.0.0.0\\/0', function (this: PostureWorld) {
  return this.assertControl(networkControls.sgAdminPortsIpv4);
});

Then('no security group admits port 22 or 3389 from ::\\/0', function (this: PostureWorld) {
  return this.assertControl(networkControls.sgAdminPortsIpv6);
});

Then('no security group admits port 445 from the IPv4 or IPv6 internet', function (this: PostureWorld) {
  return this.assertControl(networkControls.sgCifs);
});

Then('no security group admits all ports, or any port of network.highRiskPorts, from the IPv4 or IPv6 internet', function (this: PostureWorld) {
  return this.assertControl(networkControls.sgHighRiskPorts);
});

Then('EBS encryption by default is on in every audited region', function (this: PostureWorld) {
  return this.assertControl(networkControls.ebsDefaultEncryption);
});

Then('every instance in the audited regions requires IMDSv2 session tokens, and so does the account default where one is set', function (this: PostureWorld) {
  return this.assertControl(networkControls.imdsv2Required);
});

Then('the default security group of every VPC has no inbound and no outbound rules', function (this: PostureWorld) {
  return this.assertControl(networkControls.defaultSecurityGroupClosed);
});

Then('the security groups of every tier admit everyone only on the public ports of a public tier, SSH or RDP only from the admin CIDRs, and other tiers only as network.tiers allows', function (this: PostureWorld) {
  return this.assertControl(networkControls.tierExposure);
});

Then('no private-tier subnet routes to an internet gateway, and each sends internet traffic to a NAT gateway in a public subnet', function (this: PostureWorld) {
  return this.assertControl(networkControls.privateTierRoutes);
});

Then(
  'a connection from {network-party} to {network-party} on {protocol} port {port} is {network-verdict}',
  function (this: PostureWorld, source: ReturnType<typeof parseParty>, target: ReturnType<typeof parseParty>, protocol: string, port: number, expected: 'allowed' | 'blocked') {
    return this.assertControl(reachability({ source, target, protocol, port, expected }));
  },
);

// @exam: a public subnet built in the sandbox account, decided by the path evaluator over what EC2 stored

const scene = (world: PostureWorld): NetworkExamScene => {
  assert.ok(world.exam.network, 'no subnet was built in this scenario');
  return world.exam.network;
};

const verdict = (world: PostureWorld) => {
  assert.ok(scene(world).verdict, 'no connection was tried in this scenario');
  return scene(world).verdict!;
};

Given('a public subnet with a new custom network ACL', async function (this: PostureWorld) {
  this.exam.network = await exam().publicSubnet(await this.sandbox(), 'new custom');
});

Given('a public subnet with the default network ACL', async function (this: PostureWorld) {
  this.exam.network = await exam().publicSubnet(await this.sandbox(), 'default');
});

Given(
  'the network ACL {nacl-action} {nacl-direction} {protocol} ports {int}-{int} {word} {cidr} as rule {int}',
  async function (this: PostureWorld, action: 'allow' | 'deny', egress: boolean, protocol: string, from: number, to: number, _way: string, cidr: string, rule: number) {
    await exam().naclEntry(await this.sandbox(), scene(this), { rule, egress, action, cidr, protocol, ports: { From: from, To: to } });
  },
);

Given('an instance security group that allows {protocol} port {port} from {cidr}', async function (this: PostureWorld, protocol: string, port: number, cidr: string) {
  await exam().securityGroup(await this.sandbox(), scene(this), { allow: { protocol, port, cidr } });
});

Given('an instance security group that allows {protocol} port {port} from {cidr} and has no outbound rules', async function (this: PostureWorld, protocol: string, port: number, cidr: string) {
  await exam().securityGroup(await this.sandbox(), scene(this), { allow: { protocol, port, cidr }, noOutbound: true });
});

Given('an instance security group with no rules added', async function (this: PostureWorld) {
  await exam().securityGroup(await this.sandbox(), scene(this), {});
});

When('{word} connects to the instance on {protocol} port {port}', async function (this: PostureWorld, from: string, protocol: string, port: number) {
  await exam().connect(await this.sandbox(), scene(this), { from, to: 'instance', protocol, port });
});

When('the instance connects to {word} on {protocol} port {port}', async function (this: PostureWorld, to: string, protocol: string, port: number) {
  await exam().connect(await this.sandbox(), scene(this), { from: 'instance', to, protocol, port });
});

Then('the connection is blocked at {string}', async function (this: PostureWorld, label: string) {
  await this.attachEvidence('network-path', verdict(this));
  assert.equal(verdict(this).reachable ? 'allowed' : hopLabel(verdict(this).deciding), label, verdict(this).explanation);
});

Then('the connection is allowed', async function (this: PostureWorld) {
  await this.attachEvidence('network-path', verdict(this));
  assert.ok(verdict(this).reachable, verdict(this).explanation);
});

Then('the reply passed the security group because it is stateful', function (this: PostureWorld) {
  const reply = verdict(this).hops.find((h) => h.layer === 'security-group' && h.rule === 'stateful');
  assert.ok(reply?.passed, verdict(this).explanation);
});

Then("the connection is allowed by the instance's security group number {int}", async function (this: PostureWorld, index: number) {
  await this.attachEvidence('network-path', verdict(this));
  const allowedBy = verdict(this).hops.find((h) => h.layer === 'security-group' && h.direction === 'ingress' && h.passed)?.rule;
  assert.equal(allowedBy, scene(this).groupIds[index - 1], verdict(this).explanation);
});

Then('the network ACL let it in by rule {string}', function (this: PostureWorld, rule: string) {
  const hop = verdict(this).hops.find((h) => h.layer === 'network-acl' && h.direction === 'ingress');
  assert.equal(hop?.rule, rule, verdict(this).explanation);
});
