import type { Collected } from '../collected';

/** What an instance was launched from, as DescribeImages tells it (null: the AMI cannot be described any more). */
export interface LaunchImage {
  imageId: string;
  ownerId?: string;
  ownerAlias?: string;
  name?: string;
  public?: boolean;
}

export interface LaunchedInstance {
  instanceId: string;
  arn: string;
  state: string;
  imageId: string;
}

export interface OwnImage {
  imageId: string;
  arn: string;
  name?: string;
  public: boolean;
}

export interface OwnSnapshot {
  snapshotId: string;
  arn: string;
  /** Groups and accounts allowed to create volumes from it ("all" = public). */
  createVolumePermission: Collected<{ groups: string[]; userIds: string[] }>;
}

/** Machine images, snapshots and their account-level sharing blocks in one (account, region). */
export interface ImagesInventory {
  account: string;
  region: string;
  instances: Collected<LaunchedInstance[]>;
  /** The AMIs the instances were launched from, by id; null when DescribeImages no longer finds one. */
  launchImages: Collected<Record<string, LaunchImage | null>>;
  ownImages: Collected<OwnImage[]>;
  ownSnapshots: Collected<OwnSnapshot[]>;
  /** GetImageBlockPublicAccessState: "block-new-sharing" or "unblocked". */
  imageBlockPublicAccess: Collected<string>;
  /** GetSnapshotBlockPublicAccessState: "block-all-sharing", "block-new-sharing" or "unblocked". */
  snapshotBlockPublicAccess: Collected<string>;
}
