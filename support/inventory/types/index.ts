import type { S3Inventory } from './s3';

/** Every inventory a control can read, by collector name. Domains add their entry here. */
export interface InventoryTypes {
  s3: S3Inventory;
  network: import('./network').NetworkInventory;
  proxy: import('./proxy').ProxyInventory;
  iam: import('./iam').IamInventory;
  organizations: import('./organizations').OrganizationsInventory;
  logging: import('./logging').LoggingInventory;
  /** One DescribeInstances per region, shared (support/inventory/instances.ts). */
  instances: import('../instances').InstancesInventory;
}
