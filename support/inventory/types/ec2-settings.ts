import type { Instance } from '@aws-sdk/client-ec2';
import type { Collected } from '../collected';

/** A VPC flow log as CIS 3.7 weighs it. */
export interface FlowLogFacts {
  id: string;
  resourceId: string;
  trafficType: string; // ACCEPT | REJECT | ALL
  status: string; // ACTIVE
  destination: string;
}

/** Account-level IMDS defaults for new instances in a region; absent keys mean "no preference". */
export interface MetadataDefaults {
  httpTokens: string | null; // required | optional
}

/** EC2 settings of one region: flow logs beside the VPCs they cover, EBS default encryption, IMDS. */
export interface Ec2SettingsInventory {
  account: string;
  region: string;
  vpcs: Collected<{ id: string; arn: string; isDefault: boolean }[]>;
  flowLogs: Collected<FlowLogFacts[]>;
  ebsEncryptionByDefault: Collected<boolean>;
  metadataDefaults: Collected<MetadataDefaults>;
  instances: Collected<Instance[]>;
}
