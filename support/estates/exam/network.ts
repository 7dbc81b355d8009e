import { CreateNetworkAclCommand, DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { isAddress } from '../../evaluators/network/cidr';
import { canReach, type Endpoint, type Host, type PathVerdict } from '../../evaluators/network/path';
import { readNetwork } from '../../inventory/network';
import type { ProtocolNumber } from '../../inventory/types/network';
import { networkView } from '../../rules/network/facts';
import { addNaclEntry, allowIn, associateNacl, createSecurityGroup, createSubnet, createVpcWithInternetGateway, ec2, launchInstance, revokeAllRules, routeTable, tagged, type NaclRule } from '../reference/network';
import type { ExamSandbox } from './sandbox';

/** A public subnet (internet gateway route, public address on launch) built in the sandbox, and what happens in it. */
export interface NetworkExamScene {
  vpcId: string;
  subnetId: string;
  aclId: string;
  groupIds: string[];
  instanceId?: string;
  verdict?: PathVerdict;
}

declare module './sandbox' {
  interface ExamState {
    network?: NetworkExamScene;
  }
}

const client = (sandbox: ExamSandbox) => ec2(sandbox, sandbox.region);

export async function publicSubnet(sandbox: ExamSandbox, acl: 'default' | 'new custom'): Promise<NetworkExamScene> {
  const ec = client(sandbox);
  const name = sandbox.unique('exam-net');
  const { vpcId, igwId } = await createVpcWithInternetGateway(ec, '10.30.0.0/16', name);
  const subnetId = await createSubnet(ec, vpcId, '10.30.1.0/24', `${sandbox.region}a`, { Name: name }, true);
  await routeTable(ec, vpcId, name, [subnetId], { GatewayId: igwId });
  let aclId: string;
  if (acl === 'new custom') {
    aclId = (await ec.send(new CreateNetworkAclCommand({ VpcId: vpcId, TagSpecifications: tagged('network-acl', { Name: name }) }))).NetworkAcl?.NetworkAclId as string;
    await associateNacl(ec, subnetId, aclId);
  } else {
    const acls = (await ec.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default', Values: ['true'] }] }))).NetworkAcls ?? [];
    aclId = acls[0]?.NetworkAclId as string;
  }
  return { vpcId, subnetId, aclId, groupIds: [] };
}

export async function naclEntry(sandbox: ExamSandbox, scene: NetworkExamScene, rule: NaclRule): Promise<void> {
  await addNaclEntry(client(sandbox), scene.aclId, rule);
}

/** A security group for the scene's instance; `rule` is added to a new group's defaults, `noOutbound` revokes the default egress. */
export async function securityGroup(sandbox: ExamSandbox, scene: NetworkExamScene, options: { allow?: { protocol: string; port: number; cidr: string }; noOutbound?: boolean }): Promise<void> {
  const ec = client(sandbox);
  const groupId = await createSecurityGroup(ec, scene.vpcId, sandbox.unique('exam-sg'));
  if (options.noOutbound) await revokeAllRules(ec, groupId);
  const allow = options.allow;
  if (allow) {
    const v6 = allow.cidr.includes(':');
    await allowIn(ec, groupId, [{ IpProtocol: allow.protocol, FromPort: allow.port, ToPort: allow.port, ...(v6 ? { Ipv6Ranges: [{ CidrIpv6: allow.cidr }] } : { IpRanges: [{ CidrIp: allow.cidr }] }) }]);
  }
  scene.groupIds.push(groupId);
}

/** Launch the instance (once, with every group of the scene), read the sandbox back, and decide the path. */
export async function connect(sandbox: ExamSandbox, scene: NetworkExamScene, flow: { from: string | 'instance'; to: string | 'instance'; protocol: ProtocolNumber; port: number }): Promise<PathVerdict> {
  const ec = client(sandbox);
  scene.instanceId ??= await launchInstance(ec, scene.subnetId, scene.groupIds, { Name: sandbox.unique('exam-instance') });
  const view = networkView(await readNetwork(ec, sandbox.account.accountId, sandbox.region));
  if (view.kind === 'not-collected') throw new Error(`could not read the sandbox back: ${view.reason}`);
  const instance = view.value.instances.find((i) => i.id === scene.instanceId);
  if (!instance) throw new Error(`${scene.instanceId} is not in the sandbox`);
  const host: Host = { kind: 'host', name: `instance ${instance.id}`, resource: instance.arn, vpcId: instance.vpcId, subnetId: instance.subnetId, privateIp: instance.privateIp, publicIp: instance.publicIp, ipv6Addresses: instance.ipv6Addresses, securityGroupIds: instance.securityGroupIds };
  const endpoint = (word: string): Endpoint => {
    if (word === 'instance') return host;
    if (!isAddress(word)) throw new Error(`"${word}" is not an IP address`);
    return { kind: 'internet', address: word };
  };
  scene.verdict = canReach(view.value, endpoint(flow.from), endpoint(flow.to), flow);
  return scene.verdict;
}
