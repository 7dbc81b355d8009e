import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'logging.vpc-flow-logs',
  title: 'Every VPC has an active flow log that records rejected traffic',
  domain: 'logging',
  severity: 'medium',
  cis: '3.7',
  rationale: 'Flow logs record the traffic a VPC accepted and rejected; rejected packets show scanning and attempts against closed ports. A flow log of traffic type REJECT or ALL, ACTIVE, on the VPC itself covers every interface in it.',
  remediation: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT (or ALL) --log-destination-type cloud-watch-logs|s3 ...',
};

/** Traffic types that include rejected packets. */
const RECORDS_REJECTS = new Set(['REJECT', 'ALL']);

export const vpcFlowLogs: Control<'ec2Settings'> = {
  meta,
  inventory: 'ec2Settings',
  evaluate(inventory, { account, region }) {
    if (inventory.vpcs.kind === 'not-collected') return notVerified(inventory.vpcs.reason);
    if (inventory.flowLogs.kind === 'not-collected') return notVerified(inventory.flowLogs.reason);
    const flowLogs = inventory.flowLogs.value;
    const findings: Finding[] = [];
    for (const vpc of inventory.vpcs.value) {
      const own = flowLogs.filter((f) => f.resourceId === vpc.id);
      const good = own.filter((f) => RECORDS_REJECTS.has(f.trafficType) && (f.status === 'ACTIVE' || f.status === ''));
      if (good.length > 0) continue;
      const why = own.length === 0 ? 'no flow log' : `its flow logs record only ${own.map((f) => `${f.trafficType || '?'} (${f.status || 'no status'})`).join(', ')}, not rejected traffic`;
      findings.push({ resource: vpc.arn, account, region, problem: `${vpc.id}${vpc.isDefault ? ' (default VPC)' : ''}: ${why}` });
    }
    return verdictFrom({ findings, checked: inventory.vpcs.value.length, evidence: { region, vpcs: inventory.vpcs.value.map((v) => v.id), flowLogs } });
  },
};
