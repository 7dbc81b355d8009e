import type { Collector } from './collector';
import type { InventoryTypes } from './types';

type Name = keyof InventoryTypes;

/** Where each collector's code lives: loaded on first use, so a run loads only the collectors (and SDK clients) it reads. */
export const collectorModules: { [K in Name]: () => Collector<InventoryTypes[K]> } = {
  s3: () => require('./s3').s3Collector,
  network: () => require('./network').networkCollector,
  proxy: () => require('./proxy').proxyCollector,
  iam: () => require('./iam').iamCollector,
  organizations: () => require('./organizations').organizationsCollector,
  logging: () => require('./logging').loggingCollector,
  instances: () => require('./instances').instancesCollector,
  realSquid: () => require('./real-squid').realSquidCollector,
  images: () => require('./images').imagesCollector,
  cloudfront: () => require('./cloudfront').cloudfrontCollector,
  ec2Settings: () => require('./ec2-settings').ec2SettingsCollector,
  storage: () => require('./storage').storageCollector,
  securityHub: () => require('./security-hub').securityHubCollector,
};

/** Each collector's scope, known without loading it (test/inventory/collectors.test.ts checks it against the collector). */
export const collectorScopes: { [K in Name]: Collector<unknown>['scope'] } = {
  s3: 'account',
  network: 'region',
  proxy: 'account',
  iam: 'account',
  organizations: 'account',
  logging: 'region',
  instances: 'region',
  realSquid: 'account',
  images: 'region',
  cloudfront: 'account',
  ec2Settings: 'region',
  storage: 'region',
  securityHub: 'region',
};

function lazy<K extends Name>(name: K): Collector<InventoryTypes[K]> {
  return { name, scope: collectorScopes[name], collect: (ctx) => collectorModules[name]().collect(ctx) };
}

/** Every collector by name; a control names the one it reads. Domains add their collector to the two tables above. */
export const collectors = Object.fromEntries((Object.keys(collectorModules) as Name[]).map((name) => [name, lazy(name)])) as { [K in Name]: Collector<InventoryTypes[K]> };
