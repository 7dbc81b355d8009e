import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'ec2.block-public-sharing',
  title: 'Block public access for AMIs and for EBS snapshots is on in every audited region',
  domain: 'ec2',
  severity: 'medium',
  rationale: 'The regional account settings refuse making an AMI public (block-new-sharing) and a snapshot public (block-all-sharing also hides those already public), so one mistaken modify call cannot publish a disk.',
  remediation: 'aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing; aws ec2 enable-snapshot-block-public-access --state block-all-sharing (in each region).',
};

export const blockPublicSharing: Control<'images'> = {
  meta,
  inventory: 'images',
  evaluate(inventory, { account, region }) {
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    const { imageBlockPublicAccess: image, snapshotBlockPublicAccess: snapshot } = inventory;
    if (image.kind !== 'collected') unreadable.push(image.reason);
    else if (image.value !== 'block-new-sharing') findings.push({ resource: `arn:aws:ec2:${region}:${account}:image-block-public-access`, account, region, problem: `block public access for AMIs is ${image.value}` });
    if (snapshot.kind !== 'collected') unreadable.push(snapshot.reason);
    else if (!['block-all-sharing', 'block-new-sharing'].includes(snapshot.value)) findings.push({ resource: `arn:aws:ec2:${region}:${account}:snapshot-block-public-access`, account, region, problem: `block public access for snapshots is ${snapshot.value}` });
    return verdictFrom({ findings, checked: 2, unreadable, evidence: { image: image.kind === 'collected' ? image.value : null, snapshot: snapshot.kind === 'collected' ? snapshot.value : null } });
  },
};
