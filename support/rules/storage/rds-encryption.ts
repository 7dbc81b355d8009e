import type { RuleMeta } from '../types';
import { perResource } from './facts';

export const meta: RuleMeta = {
  id: 'storage.rds-encryption',
  title: 'Every RDS DB instance is encrypted at rest',
  domain: 'storage',
  severity: 'high',
  cis: '2.2.1',
  rationale: 'An unencrypted DB instance keeps its storage, automated backups, read replicas and snapshots in the clear; encryption can only be chosen at creation.',
  remediation: 'Snapshot the instance, copy the snapshot with --kms-key-id (encrypting it), restore a new instance from the copy and switch clients over; create new instances with --storage-encrypted.',
};

export const rdsEncryption = perResource(
  meta,
  (inventory) => inventory.dbInstances,
  (db) => (db.storageEncrypted ? null : 'StorageEncrypted is false: storage, backups and snapshots are not encrypted'),
  (db) => ({ id: db.id, arn: db.arn, storageEncrypted: db.storageEncrypted }),
);
