import { basename, dirname, sep } from 'node:path';
import type { InventoryTypes } from '../inventory/types';

/**
 * What the selected scenarios need, told by where they live: features/<domain>/… . Used to load only
 * the step files of those domains and to start their collectors when the run starts.
 */

/** The collectors each domain's controls read (each collector pulls in what it builds on itself). */
export const DOMAIN_COLLECTORS: Record<string, (keyof InventoryTypes)[]> = {
  s3: ['s3'],
  network: ['network', 'ec2Settings'],
  proxy: ['proxy', 'realSquid'],
  organizations: ['organizations'],
  logging: ['logging', 'securityHub'],
  iam: ['iam'],
  sites: ['cloudfront'],
  ec2: ['images'],
  storage: ['storage'],
};

/** The domain of a feature file: its folder under features/. */
export function domainOf(uri: string): string {
  return basename(dirname(uri.split('/').join(sep)));
}

export function selectedDomains(uris: readonly string[]): string[] {
  return [...new Set(uris.map(domainOf))].sort();
}

const STEP_FILE = /[/\\]steps[/\\]([\w-]+)\.steps\.[cm]?[jt]s$/;

/**
 * Step files to load: those of the selected domains. A domain without a step file of its own (a
 * narrative-only feature) needs none; a step file that is not per domain is always kept.
 */
export function stepFilesFor(requirePaths: readonly string[], domains: readonly string[]): string[] {
  return requirePaths.filter((path) => {
    const match = STEP_FILE.exec(path);
    return !match || domains.includes(match[1]);
  });
}

export function collectorsFor(domains: readonly string[]): (keyof InventoryTypes)[] {
  return [...new Set(domains.flatMap((d) => DOMAIN_COLLECTORS[d] ?? []))];
}
