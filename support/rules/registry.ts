import type { AnyControl } from './control';
import { iamControls } from './iam';
import { effectivePermissionMeta } from './iam/effective-permission';
import { loggingControls } from './logging';
import { networkControls } from './network';
import { reachabilityMeta } from './network/reachability';
import { organizationsControls } from './organizations';
import { scpLimitMeta } from './organizations/scp-limit';
import { proxyControls } from './proxy';
import { s3Controls } from './s3';
import { sitesControls } from './sites';
import { ec2Controls } from './ec2';
import { storageControls } from './storage';
import type { RuleMeta } from './types';

/** Each domain's controls as its index exports them: fixed controls, and factories for table rows. */
const DOMAIN_SETS: Record<string, Record<string, AnyControl | ((...args: never[]) => AnyControl)>> = {
  s3: s3Controls,
  network: networkControls,
  organizations: organizationsControls,
  logging: loggingControls,
  proxy: proxyControls,
  iam: iamControls,
  sites: sitesControls,
  ec2: ec2Controls,
  storage: storageControls,
};

/** Controls built per table row share the metadata of their factory. */
const PARAMETRIC: RuleMeta[] = [scpLimitMeta, effectivePermissionMeta, reachabilityMeta];

/** Every control of the suite: the one place a control's identity lives. */
export function allControlMetas(): RuleMeta[] {
  const fixed = Object.values(DOMAIN_SETS).flatMap((set) => Object.values(set).flatMap((c) => (typeof c === 'function' ? [] : [c.meta])));
  return [...fixed, ...PARAMETRIC];
}

/** The registered control a record's id belongs to (a table row's id extends its control's id). */
export function controlMeta(id: string): RuleMeta | undefined {
  return allControlMetas().find((m) => m.id === id || id.startsWith(`${m.id}.`));
}
