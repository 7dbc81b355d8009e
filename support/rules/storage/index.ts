import { efsEncryption } from './efs-encryption';
import { rdsAutoMinorUpgrade } from './rds-auto-minor-upgrade';
import { rdsEncryption } from './rds-encryption';
import { rdsMultiAz } from './rds-multi-az';
import { rdsNotPublic } from './rds-not-public';

export const storageControls = {
  rdsEncryption,
  rdsAutoMinorUpgrade,
  rdsNotPublic,
  rdsMultiAz,
  efsEncryption,
};
