import { AddressSet } from '../../evaluators/squid/address-set';
import { allowedSources } from '../../evaluators/squid/evaluate';
import { aclValues, describeLine } from '../../evaluators/squid/parse';
import type { SquidConfig } from '../../evaluators/squid/types';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { isVerdict, listSome, LOOPBACK, proxyFacts, skippedLines, unresolvedReasons, vpcSet } from './facts';

export const meta: RuleMeta = {
  id: 'proxy.only-vpc-cidr',
  title: 'Only the VPC CIDR can use the forward proxy',
  domain: 'proxy',
  severity: 'high',
  rationale:
    'A forward proxy that serves more than its VPC is an open relay for whoever reaches it; one that serves less breaks its clients. http_access lines are read in order, and when none matches the opposite of the last line applies.',
  remediation: 'acl localnet src <VPC CIDR> (and no other localnet line); http_access allow localnet; http_access deny all — then squid -k parse && squid -k reconfigure.',
};

/** Source acls the config defines that overlap the VPC but reach beyond it (dormant today, live the day they are allowed). */
function overreachingAcls(config: SquidConfig, vpc: AddressSet): string[] {
  return [...config.acls.values()]
    .filter((acl) => !acl.predefined && acl.type === 'src')
    .flatMap((acl) => {
      const set = aclValues(acl.values).reduce((s, v) => s.union(AddressSet.parse(v)), AddressSet.empty);
      const beyond = set.subtract(vpc).subtract(LOOPBACK);
      if (set.intersect(vpc).isEmpty() || beyond.isEmpty()) return [];
      // Short: the stock localnet acl is 8 lines; quoting them all made a 1,256-character message line.
      const where = acl.lines.length === 1 ? describeLine(acl.lines[0]) : `${acl.lines.length} lines from ${acl.lines[0].file}:${acl.lines[0].line}`;
      return [`acl ${acl.name} (${where}) also lists ${listSome(beyond.toStrings())}`];
    });
}

export const onlyVpcCidr: Control<'proxy'> = {
  meta,
  inventory: 'proxy',
  evaluate(inventory, { account }) {
    const facts = proxyFacts(inventory);
    if (isVerdict(facts)) return facts;
    const config = facts.config!;
    const result = allowedSources(config);
    const served = result.allowed.subtract(LOOPBACK);
    const findings: Finding[] = [];
    const unreadable = unresolvedReasons(config);
    const examined = [];
    for (const instance of facts.instances) {
      if (instance.vpcCidrs.kind === 'not-collected') {
        unreadable.push(instance.vpcCidrs.reason);
        continue;
      }
      const vpc = vpcSet(instance.vpcCidrs.value);
      const extra = served.subtract(vpc);
      const missing = vpc.subtract(served);
      const problem = (text: string) => findings.push({ resource: instance.arn, account, region: instance.region, problem: text });
      // One finding per deciding line, naming every range it serves beyond the VPC.
      const byLine = new Map<string, AddressSet>();
      for (const range of result.ranges) byLine.set(range.allowedBy, (byLine.get(range.allowedBy) ?? AddressSet.empty).union(AddressSet.parse(range.range)));
      for (const [line, set] of byLine) {
        const outside = set.intersect(extra);
        if (!outside.isEmpty()) problem(`serves ${listSome(outside.toStrings())}, outside VPC ${instance.vpcId} (${instance.vpcCidrs.value.join(', ')}): allowed by ${line}`);
      }
      if (!missing.isEmpty()) problem(`does not serve ${listSome(missing.toStrings())} of VPC ${instance.vpcId}: ${served.isEmpty() ? 'no http_access line allows any network client' : `only ${listSome(served.toStrings())} is allowed`}`);
      if (!extra.isEmpty() || !missing.isEmpty()) for (const line of overreachingAcls(config, vpc)) problem(line);
      examined.push({ instance: instance.id, vpc: instance.vpcId, vpcCidrs: instance.vpcCidrs.value, served: served.toStrings(), beyondVpc: extra.toStrings(), vpcNotServed: missing.toStrings() });
    }
    return verdictFrom({
      findings,
      checked: examined.length,
      unreadable,
      evidence: { source: facts.conf!.source, skippedLines: skippedLines(config), unresolved: config.unresolved, allowedBy: result.ranges, loopbackLeftOut: LOOPBACK.toStrings(), unmodeledAcls: result.unmodeled, instances: examined },
    });
  },
};
