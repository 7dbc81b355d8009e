import type { Collector } from './collector';
import { s3Collector } from './s3';
import { networkCollector } from './network';
import { proxyCollector } from './proxy';
import { realSquidCollector } from './real-squid';
import { iamCollector } from './iam';
import { organizationsCollector } from './organizations';
import { loggingCollector } from './logging';
import { instancesCollector } from './instances';
import { imagesCollector } from './images';
import { cloudfrontCollector } from './cloudfront';
import { ec2SettingsCollector } from './ec2-settings';
import { storageCollector } from './storage';
import { securityHubCollector } from './security-hub';
import type { InventoryTypes } from './types';

/** Every collector by name; a control names the one it reads. Domains add their collector here. */
export const collectors: { [K in keyof InventoryTypes]: Collector<InventoryTypes[K]> } = {
  s3: s3Collector,
  network: networkCollector,
  proxy: proxyCollector,
  realSquid: realSquidCollector,
  iam: iamCollector,
  organizations: organizationsCollector,
  logging: loggingCollector,
  instances: instancesCollector,
  images: imagesCollector,
  cloudfront: cloudfrontCollector,
  ec2Settings: ec2SettingsCollector,
  storage: storageCollector,
  securityHub: securityHubCollector,
};
