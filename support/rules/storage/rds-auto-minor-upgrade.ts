import type { RuleMeta } from '../types';
import { perResource } from './facts';

export const meta: RuleMeta = {
  id: 'storage.rds-auto-minor-version-upgrade',
  title: 'Every RDS DB instance upgrades minor engine versions automatically',
  domain: 'storage',
  severity: 'low',
  cis: '2.2.2',
  rationale: 'Minor engine versions carry security fixes; with auto minor version upgrade RDS applies them in the maintenance window.',
  remediation: 'aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately',
};

export const rdsAutoMinorUpgrade = perResource(
  meta,
  (inventory) => inventory.dbInstances,
  (db) => (db.autoMinorVersionUpgrade ? null : 'AutoMinorVersionUpgrade is false: engine security fixes are not applied'),
  (db) => ({ id: db.id, arn: db.arn, autoMinorVersionUpgrade: db.autoMinorVersionUpgrade }),
);
