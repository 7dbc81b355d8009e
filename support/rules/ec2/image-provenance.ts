import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'ec2.image-provenance',
  title: 'Every instance was launched from an AMI of Amazon, the audited account or a trusted owner',
  domain: 'ec2',
  severity: 'high',
  rationale: 'Anyone can publish a community AMI; its snapshots and launch configuration run as your instance. Only images from Amazon, your own account or owners you trust (ec2.trustedImageOwners) are known.',
  remediation: 'Check the owner before launching (aws ec2 describe-images --image-ids <ami> --query "Images[].[OwnerId,ImageOwnerAlias]"); rebuild the instance from a trusted image, or list the owner in ec2.trustedImageOwners after review.',
};

export const imageProvenance: Control<'images'> = {
  meta,
  inventory: 'images',
  evaluate(inventory, { account, region, config }) {
    if (inventory.instances.kind !== 'collected') return notVerified(inventory.instances.reason);
    if (inventory.launchImages.kind !== 'collected') return notVerified(inventory.launchImages.reason);
    const trusted = new Set(['amazon', account, ...config.ec2.trustedImageOwners]);
    const images = inventory.launchImages.value;
    const findings: Finding[] = [];
    const examined = [];
    for (const instance of inventory.instances.value) {
      const image = images[instance.imageId];
      const owner = image ? (image.ownerAlias && image.ownerAlias !== 'self' ? `${image.ownerAlias} (${image.ownerId ?? '?'})` : (image.ownerId ?? 'unknown')) : 'unknown';
      const ok = image !== null && image !== undefined && (trusted.has(image.ownerId ?? '') || trusted.has(image.ownerAlias ?? ''));
      examined.push({ instance: instance.instanceId, state: instance.state, image: instance.imageId, owner, trusted: ok });
      if (ok) continue;
      findings.push({
        resource: instance.arn,
        account,
        region,
        problem: image
          ? `launched from ${instance.imageId}${image.name ? ` (${image.name})` : ''} owned by ${owner}, which is not Amazon, this account or a trusted owner`
          : `launched from ${instance.imageId}, which can no longer be described: its owner cannot be shown to be trusted`,
      });
    }
    return verdictFrom({ findings, checked: examined.length, evidence: { trustedOwners: [...trusted], instances: examined } });
  },
};
