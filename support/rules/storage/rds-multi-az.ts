import type { RuleMeta } from '../types';
import { perResource } from './facts';

export const meta: RuleMeta = {
  id: 'storage.rds-multi-az',
  title: 'Production RDS DB instances are Multi-AZ',
  domain: 'storage',
  severity: 'medium',
  cis: '2.2.4',
  rationale: 'A Multi-AZ instance keeps a synchronous standby in another Availability Zone and fails over to it. In scope: the instances named in storage.multiAz.instances and those carrying storage.multiAz.tag (default Environment=production).',
  remediation: 'aws rds modify-db-instance --db-instance-identifier <id> --multi-az --apply-immediately',
};

/** In scope: named in storage.multiAz.instances, or tagged storage.multiAz.tag (Key=Value). */
export const rdsMultiAz = perResource(
  meta,
  (inventory) => inventory.dbInstances,
  (db) => (db.multiAz ? null : 'MultiAZ is false: no standby in another Availability Zone'),
  (db) => ({ id: db.id, arn: db.arn, multiAz: db.multiAz, tags: db.tags }),
  (db, config) => {
    const { instances, tag } = config.storage.multiAz;
    const at = tag.indexOf('=');
    return instances.includes(db.id) || db.tags[tag.slice(0, at)] === tag.slice(at + 1);
  },
);
