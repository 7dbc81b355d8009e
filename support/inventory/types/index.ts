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
}
