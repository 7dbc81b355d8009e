import type { RuleMeta } from '../types';
import { perResource } from './facts';

export const meta: RuleMeta = {
  id: 'storage.rds-not-public',
  title: 'No RDS DB instance is publicly accessible',
  domain: 'storage',
  severity: 'critical',
  cis: '2.2.3',
  rationale: 'PubliclyAccessible gives the instance a DNS name that resolves to a public address; only its security groups then stand between the database and the internet.',
  remediation: 'aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately (and keep it in private subnets).',
};

export const rdsNotPublic = perResource(
  meta,
  (inventory) => inventory.dbInstances,
  (db) => (db.publiclyAccessible ? 'PubliclyAccessible is true: its endpoint resolves to a public address' : null),
  (db) => ({ id: db.id, arn: db.arn, publiclyAccessible: db.publiclyAccessible }),
);
