import { ANYWHERE, type Family } from '../../evaluators/network/cidr';
import { ADMIN_PORTS } from '../../evaluators/network/flow';
import { openFromAnywhere } from '../../evaluators/network/nacl';
import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'network.nacl-admin-ports',
  title: 'No network ACL effectively admits 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389)',
  domain: 'network',
  severity: 'high',
  cis: '5.2',
  rationale: 'A NACL is the subnet-wide backstop behind security groups. An allow for 22 or 3389 from anywhere that no earlier deny shadows leaves only the security group between the internet and remote administration. A common cause: the 1024-65535 return-traffic rule also covers 3389.',
  remediation: 'Add a deny for TCP/UDP 22 and 3389 from 0.0.0.0/0 and ::/0 numbered before the broad allow, or narrow the allow to the administrators\' CIDRs.',
};

const CHECKS: { family: Family; protocol: string }[] = [
  { family: 'ipv4', protocol: '6' },
  { family: 'ipv4', protocol: '17' },
  { family: 'ipv6', protocol: '6' },
  { family: 'ipv6', protocol: '17' },
];

export const naclAdminPorts: Control<'network'> = {
  meta,
  inventory: 'network',
  evaluate(inventory, { account, region }) {
    if (inventory.networkAcls.kind === 'not-collected') return notVerified(inventory.networkAcls.reason);
    const findings: Finding[] = [];
    const examined = [];
    for (const acl of inventory.networkAcls.value) {
      const open = CHECKS.flatMap(({ family, protocol }) => ADMIN_PORTS.map((port) => openFromAnywhere(acl, protocol, port, family))).filter((o) => o !== null);
      // One finding per deciding rule and port: tcp 22 and udp 22 admitted by the same allow-all read as one.
      const byRule = new Map<string, typeof open>();
      for (const o of open) byRule.set(`${o.family}|${o.port}|${o.decidedBy}`, [...(byRule.get(`${o.family}|${o.port}|${o.decidedBy}`) ?? []), o]);
      for (const same of byRule.values()) {
        const { port, family, decidedBy } = same[0];
        const protocols = same.map((o) => (o.protocol === '6' ? 'tcp' : 'udp')).join(' and ');
        findings.push({ resource: acl.arn, account, region, problem: `${acl.id}${acl.isDefault ? ' (default)' : ''} ${decidedBy}: ${protocols} ${port} admitted from ${ANYWHERE[family]}` });
      }
      examined.push({ acl: acl.id, vpc: acl.vpcId, default: acl.isDefault, subnets: acl.subnetIds, openFromAnywhere: open.map((o) => `${o.family} ${o.protocol === '6' ? 'tcp' : 'udp'} ${o.port} by rule ${o.rules.join(',')}`) });
    }
    return verdictFrom({ findings, checked: inventory.networkAcls.value.length, evidence: { networkAcls: examined } });
  },
};
