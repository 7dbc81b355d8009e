import type { S3Inventory } from './s3';

/** Every inventory a control can read, by collector name. Domains add their entry here. */
export interface InventoryTypes {
  s3: S3Inventory;
  network: import('./network').NetworkInventory;
  proxy: import('./proxy').ProxyInventory;
  realSquid: import('./real-squid').RealSquidInventory;
  iam: import('./iam').IamInventory;
  organizations: import('./organizations').OrganizationsInventory;
  logging: import('./logging').LoggingInventory;
  /** One DescribeInstances per region, shared (support/inventory/instances.ts). */
  instances: import('../instances').InstancesInventory;
  images: import('./images').ImagesInventory;
  cloudfront: import('./cloudfront').CloudFrontInventory;
  ec2Settings: import('./ec2-settings').Ec2SettingsInventory;
  storage: import('./storage').StorageInventory;
  securityHub: import('../security-hub').SecurityHubInventory;
}
