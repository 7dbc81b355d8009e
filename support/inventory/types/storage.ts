import type { Collected } from '../collected';

/** An RDS DB instance as CIS 2.2.1–2.2.4 weigh it. */
export interface DbInstanceFacts {
  id: string;
  arn: string;
  engine: string;
  storageEncrypted: boolean;
  autoMinorVersionUpgrade: boolean;
  publiclyAccessible: boolean;
  multiAz: boolean;
  tags: Record<string, string>;
}

/** An EFS file system as CIS 2.3.1 weighs it. */
export interface FileSystemFacts {
  id: string;
  arn: string;
  name: string | null;
  encrypted: boolean;
}

/** One region of one account: RDS DB instances and EFS file systems. */
export interface StorageInventory {
  account: string;
  region: string;
  dbInstances: Collected<DbInstanceFacts[]>;
  fileSystems: Collected<FileSystemFacts[]>;
}
