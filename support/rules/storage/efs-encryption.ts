import type { RuleMeta } from '../types';
import { perResource } from './facts';

export const meta: RuleMeta = {
  id: 'storage.efs-encryption',
  title: 'Every EFS file system is encrypted at rest',
  domain: 'storage',
  severity: 'high',
  cis: '2.3.1',
  rationale: 'EFS encryption at rest can only be chosen when the file system is created; an unencrypted one keeps its files and metadata in the clear.',
  remediation: 'Create an encrypted file system (aws efs create-file-system --encrypted), copy the data (AWS DataSync), move the mount targets, delete the old one.',
};

export const efsEncryption = perResource(
  meta,
  (inventory) => inventory.fileSystems,
  (fs) => (fs.encrypted ? null : 'Encrypted is false: files and metadata are not encrypted at rest'),
  (fs) => ({ id: fs.id, arn: fs.arn, name: fs.name, encrypted: fs.encrypted }),
);
