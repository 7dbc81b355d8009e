import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'ec2.no-public-images',
  title: "No AMI of the account is public",
  domain: 'ec2',
  severity: 'high',
  rationale: 'A public AMI (launch permission group "all") lets anyone launch it and copy its snapshots: whatever the image holds (keys, code, data) is published.',
  remediation: 'aws ec2 modify-image-attribute --image-id <ami> --launch-permission "Remove=[{Group=all}]"; share with named accounts instead, and turn on block public access for AMIs.',
};

export const noPublicImages: Control<'images'> = {
  meta,
  inventory: 'images',
  evaluate(inventory, { account, region }) {
    if (inventory.ownImages.kind !== 'collected') return notVerified(inventory.ownImages.reason);
    const findings = inventory.ownImages.value
      .filter((i) => i.public)
      .map((i) => ({ resource: i.arn, account, region, problem: `AMI ${i.imageId}${i.name ? ` (${i.name})` : ''} is public: launch permission is granted to all` }));
    return verdictFrom({ findings, checked: inventory.ownImages.value.length, evidence: { images: inventory.ownImages.value } });
  },
};
