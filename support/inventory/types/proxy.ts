import type { Collected } from '../collected';
import type { SgRule } from './network';

/** One ingress rule of a security group on the proxy, in the network domain's shape (the SG evaluator reads it). */
export interface ProxyIngressRule {
  groupId: string;
  rule: SgRule;
}

export interface ProxyInstance {
  id: string;
  arn: string;
  region: string;
  vpcId: string;
  privateIp?: string;
  securityGroupIds: string[];
  /** The VPC's associated IPv4 and IPv6 CIDR blocks, as EC2 reports them. */
  vpcCidrs: Collected<string[]>;
  ingress: Collected<ProxyIngressRule[]>;
}

/** A file squid.conf includes (or an acl values file), as read from the same source. */
export interface IncludedFile {
  path: string;
  text: string;
}

export interface SquidConfText {
  /** Where it was read: a path, s3://bucket/key, ssm:parameter, ssm-run-command:instance:path. */
  source: string;
  text: string;
  /**
   * What each include pattern resolved to; `refused` when it lies outside the source or breaks a limit
   * (never read); a pattern missing here could not be read from the source.
   */
  includes: Record<string, IncludedFile[] | { refused: string }>;
}

/** `squid -k parse` on the audited file, when a squid binary is on this machine. */
export type SquidSyntaxCheck =
  | { kind: 'checked'; binary: string; version: string; exitCode: number; messages: string[] }
  | { kind: 'unavailable'; reason: string };

export interface ProxyInventory {
  account: string;
  /** The tag the posture config names, and the regions searched. */
  tag: { key: string; value: string };
  regions: string[];
  instances: Collected<ProxyInstance[]>;
  squidConf: Collected<SquidConfText>;
  syntaxCheck: SquidSyntaxCheck;
}
