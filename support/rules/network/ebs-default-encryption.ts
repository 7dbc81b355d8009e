import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'network.ebs-default-encryption',
  title: 'EBS encryption by default is on in every audited region',
  domain: 'network',
  severity: 'medium',
  cis: '5.1.1',
  rationale: 'With EBS encryption by default every new volume and snapshot copy in the region is encrypted, whoever creates it and however; the setting is per region, so one forgotten region keeps creating plain volumes.',
  remediation: 'aws ec2 enable-ebs-encryption-by-default --region <region> (in every region; optionally modify-ebs-default-kms-key-id).',
};

export const ebsDefaultEncryption: Control<'ec2Settings'> = {
  meta,
  inventory: 'ec2Settings',
  evaluate(inventory, { account, region }) {
    if (inventory.ebsEncryptionByDefault.kind === 'not-collected') return notVerified(inventory.ebsEncryptionByDefault.reason);
    const on = inventory.ebsEncryptionByDefault.value;
    const findings = on ? [] : [{ resource: `arn:aws:ec2:${region}:${account}:ebs-encryption-by-default`, account, region, problem: `EbsEncryptionByDefault is false in ${region}: new volumes there are not encrypted unless asked` }];
    return verdictFrom({ findings, checked: 1, evidence: { region, ebsEncryptionByDefault: on } });
  },
};
