import { cidrWithin } from '../../evaluators/network/cidr';
import { describeSgRule, ruleMatchesTraffic } from '../../evaluators/network/security-group';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { isVerdict, proxyFacts } from './facts';

export const meta: RuleMeta = {
  id: 'proxy.security-group-vpc-only',
  title: "The proxy's security group admits its port only from the VPC CIDR",
  domain: 'proxy',
  severity: 'high',
  rationale:
    'Security groups only allow, and the groups on an interface add up: one rule opening the proxy port to 0.0.0.0/0 exposes the proxy to the internet whatever squid.conf says, and every ACL mistake with it.',
  remediation: 'aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port 8080 --cidr 0.0.0.0/0; keep only --cidr <VPC CIDR> (or a security group of the clients).',
};

export const securityGroupVpcOnly: Control<'proxy'> = {
  meta,
  inventory: 'proxy',
  evaluate(inventory, { account, config }) {
    const facts = proxyFacts(inventory, false);
    if (isVerdict(facts)) return facts;
    const port = config.proxy.port;
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    const examined = [];
    for (const instance of facts.instances) {
      if (instance.vpcCidrs.kind === 'not-collected' || instance.ingress.kind === 'not-collected') {
        unreadable.push(...[instance.vpcCidrs, instance.ingress].flatMap((c) => (c.kind === 'not-collected' ? [c.reason] : [])));
        continue;
      }
      const vpcCidrs = instance.vpcCidrs.value;
      // The network domain's evaluator decides whether a rule admits TCP to the port.
      const admitting = instance.ingress.value.filter(({ rule }) => ruleMatchesTraffic(rule, '6', port));
      for (const { groupId, rule } of admitting) {
        const peer = rule.peer;
        // A group reference admits the members of that group, which sit inside the VPC (or a peered one).
        if (peer.kind === 'group') continue;
        if (peer.kind === 'cidr' && vpcCidrs.some((vpc) => cidrWithin(peer.cidr, vpc))) continue;
        if (peer.kind === 'prefix-list') {
          unreadable.push(`${groupId} admits port ${port} from prefix list ${peer.id}, whose entries the proxy collector does not read`);
          continue;
        }
        findings.push({
          resource: `arn:aws:ec2:${instance.region}:${account}:security-group/${groupId}`,
          account,
          region: instance.region,
          problem: `${groupId} on ${instance.id} ${describeSgRule(rule, 'ingress')}: wider than VPC ${instance.vpcId} (${vpcCidrs.join(', ')}) on proxy port ${port}`,
        });
      }
      examined.push({ instance: instance.id, vpcCidrs, securityGroups: instance.securityGroupIds, admitPort: admitting.map(({ groupId, rule }) => `${groupId} ${describeSgRule(rule, 'ingress')}`) });
    }
    return verdictFrom({ findings, checked: examined.length, unreadable, evidence: { port, instances: examined } });
  },
};
