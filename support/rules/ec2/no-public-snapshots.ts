import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'ec2.no-public-snapshots',
  title: 'No EBS snapshot of the account is public',
  domain: 'ec2',
  severity: 'critical',
  rationale: 'A public snapshot (createVolumePermission group "all") lets any AWS account create a volume from it and read the disk.',
  remediation: 'aws ec2 modify-snapshot-attribute --snapshot-id <snap> --attribute createVolumePermission --operation-type remove --group-names all; turn on block public access for snapshots.',
};

export const noPublicSnapshots: Control<'images'> = {
  meta,
  inventory: 'images',
  evaluate(inventory, { account, region }) {
    if (inventory.ownSnapshots.kind !== 'collected') return notVerified(inventory.ownSnapshots.reason);
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    for (const snapshot of inventory.ownSnapshots.value) {
      if (snapshot.createVolumePermission.kind !== 'collected') unreadable.push(snapshot.createVolumePermission.reason);
      else if (snapshot.createVolumePermission.value.groups.includes('all')) findings.push({ resource: snapshot.arn, account, region, problem: `snapshot ${snapshot.snapshotId} is public: anyone may create a volume from it` });
    }
    return verdictFrom({ findings, checked: inventory.ownSnapshots.value.length, unreadable });
  },
};
