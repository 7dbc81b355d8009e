import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'network.imdsv2-required',
  title: 'Every EC2 instance requires IMDSv2 (session tokens), and so does the account default where set',
  domain: 'network',
  severity: 'high',
  cis: '5.7',
  rationale: 'IMDSv1 answers any GET, so a server-side request forgery can read the instance role\'s credentials; IMDSv2 needs a session token obtained with a PUT that such requests cannot make. Stopped instances count: they start with the options they have. An account-level default (GetInstanceMetadataDefaults) that says "optional" launches new instances with IMDSv1.',
  remediation: 'aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required --http-endpoint enabled; aws ec2 modify-instance-metadata-defaults --http-tokens required (per region).',
};

export const imdsv2Required: Control<'ec2Settings'> = {
  meta,
  inventory: 'ec2Settings',
  evaluate(inventory, { account, region }) {
    if (inventory.instances.kind === 'not-collected') return notVerified(inventory.instances.reason);
    const findings: Finding[] = [];
    const instances = inventory.instances.value;
    for (const instance of instances) {
      const options = instance.MetadataOptions;
      // With the metadata endpoint off there is no IMDS to misuse.
      if (options?.HttpEndpoint === 'disabled' || options?.HttpTokens === 'required') continue;
      const id = instance.InstanceId ?? '';
      findings.push({ resource: `arn:aws:ec2:${region}:${account}:instance/${id}`, account, region, problem: `${id} (${instance.State?.Name ?? 'unknown state'}): HttpTokens is ${options?.HttpTokens ?? 'not reported'}: IMDSv1 answers without a session token` });
    }
    const unreadable: string[] = [];
    if (inventory.metadataDefaults.kind === 'not-collected') unreadable.push(inventory.metadataDefaults.reason);
    else if (inventory.metadataDefaults.value.httpTokens !== null && inventory.metadataDefaults.value.httpTokens !== 'required') {
      findings.push({ resource: `arn:aws:ec2:${region}:${account}:instance-metadata-defaults`, account, region, problem: `the account-level IMDS default in ${region} sets HttpTokens ${inventory.metadataDefaults.value.httpTokens}: new instances allow IMDSv1` });
    }
    return verdictFrom({
      findings,
      checked: instances.length + 1,
      unreadable,
      evidence: { region, accountDefault: inventory.metadataDefaults.kind === 'collected' ? inventory.metadataDefaults.value : null, instances: instances.map((i) => ({ id: i.InstanceId, state: i.State?.Name, httpTokens: i.MetadataOptions?.HttpTokens ?? null, httpEndpoint: i.MetadataOptions?.HttpEndpoint ?? null })) },
    });
  },
};
