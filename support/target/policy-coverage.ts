import { wildcardMatch } from '../rules/policy-json';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isReadCommand } from './read-only-guard';

/**
 * What the audit's read-only IAM policy must allow: every AWS SDK command the collectors (and the
 * fan-out) import, found statically, and the IAM action that authorizes it. Used by the self-test
 * (test/live/audit-role-policy.test.ts) and to regenerate the policy (see buildReadPolicy).
 */
export const AUDIT_ROLE_POLICY = join(__dirname, 'audit-role-policy.json');
export const FANOUT_POLICY = join(__dirname, 'audit-fanout-policy.json');

export const RUN_COMMAND_POLICY = join(__dirname, 'audit-run-command-policy.json');

/** Where the audit's calls live: all of support/ except the estates, which only ever write to a loopback emulator. */
export const READ_SOURCES = ['support'];
export const NOT_AUDIT_CODE = ['support/estates'];

/** SDK client package (after @aws-sdk/client-) → IAM service prefix. */
export const SERVICE_PREFIX: Record<string, string> = {
  accessanalyzer: 'access-analyzer',
  cloudfront: 'cloudfront',
  cloudtrail: 'cloudtrail',
  'cloudwatch-logs': 'logs',
  'config-service': 'config',
  efs: 'elasticfilesystem',
  ec2: 'ec2',
  iam: 'iam',
  kms: 'kms',
  organizations: 'organizations',
  rds: 'rds',
  securityhub: 'securityhub',
  s3: 's3',
  's3-control': 's3',
  ssm: 'ssm',
  sts: 'sts',
};

/** API operations whose IAM action has another name (S3 above all). Key: `<package>:<Operation>`. */
export const ACTION_NAME: Record<string, string> = {
  's3:ListBuckets': 'ListAllMyBuckets',
  's3:ListObjectsV2': 'ListBucket',
  's3:ListObjects': 'ListBucket',
  's3:HeadBucket': 'ListBucket',
  's3:HeadObject': 'GetObject',
  's3:ListObjectVersions': 'ListBucketVersions',
  's3:GetBucketEncryption': 'GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 'GetBucketPublicAccessBlock',
  's3:GetBucketLifecycleConfiguration': 'GetLifecycleConfiguration',
  's3:GetBucketReplication': 'GetReplicationConfiguration',
  's3:GetBucketNotificationConfiguration': 'GetBucketNotification',
  's3:GetObjectLockConfiguration': 'GetBucketObjectLockConfiguration',
  's3:GetBucketCors': 'GetBucketCORS',
  's3:GetBucketAccelerateConfiguration': 'GetAccelerateConfiguration',
  's3-control:GetPublicAccessBlock': 'GetAccountPublicAccessBlock',
  'accessanalyzer:ListFindingsV2': 'ListFindingsV2',
};

export interface UsedCommand {
  /** e.g. "s3-control" */
  package: string;
  /** API operation, e.g. "GetPublicAccessBlock" */
  operation: string;
  /** The files that import it (relative paths). */
  files: string[];
}

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith('.ts') ? [path] : [];
  return readdirSync(path).flatMap((entry) => sourceFiles(join(path, entry)));
}

/** `import { … } from '@aws-sdk/client-x'`, or a client loaded when used: `const { … } = require('@aws-sdk/client-x')`. */
const IMPORT = /(?:import\s*(?:type\s*)?\{([^}]*)\}\s*from|const\s*\{([^}]*)\}\s*=\s*require\()\s*['"]@aws-sdk\/client-([a-z0-9-]+)['"]/g;

/** Every `XCommand` and `paginateX` imported (or required) from an AWS SDK client in the given files or folders. */
export function usedCommands(root: string, sources: readonly string[] = READ_SOURCES): UsedCommand[] {
  const found = new Map<string, UsedCommand>();
  const excluded = NOT_AUDIT_CODE.map((e) => join(root, e));
  for (const file of sources.flatMap((s) => sourceFiles(join(root, s))).filter((f) => !excluded.some((e) => f.startsWith(e)))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const pkg = match[3];
      for (const raw of (match[1] ?? match[2]).split(',')) {
        const name = raw.trim().replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/)[0].trim(); // `A as B` (import), `A: B` (require)
        const operation = /^paginate([A-Z]\w*)$/.exec(name)?.[1] ?? /^([A-Z]\w*)Command$/.exec(name)?.[1];
        if (!operation) continue;
        const key = `${pkg}:${operation}`;
        const entry = found.get(key) ?? { package: pkg, operation, files: [] };
        entry.files.push(relative(root, file));
        found.set(key, entry);
      }
    }
  }
  return [...found.values()].sort((a, b) => `${a.package}:${a.operation}`.localeCompare(`${b.package}:${b.operation}`));
}

/** The IAM action that authorizes an SDK operation, e.g. s3-control GetPublicAccessBlock → s3:GetAccountPublicAccessBlock. */
export function iamActionFor(pkg: string, operation: string): string {
  const prefix = SERVICE_PREFIX[pkg];
  if (!prefix) throw new Error(`no IAM service prefix known for @aws-sdk/client-${pkg}: add it to SERVICE_PREFIX in support/target/policy-coverage.ts`);
  return `${prefix}:${ACTION_NAME[`${pkg}:${operation}`] ?? operation}`;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);


/** Does an Allow statement (and no Deny) of the policy name the action? Actions are case-insensitive in IAM. */
export function policyAllows(policy: PolicyDocument, action: string): boolean {
  const names = (s: PolicyStatement) => asArray(s.Action).some((a) => wildcardMatch(a, action, true));
  if (policy.Statement.some((s) => s.Effect === 'Deny' && names(s))) return false;
  return policy.Statement.some((s) => s.Effect === 'Allow' && names(s));
}

export function policyActions(policy: PolicyDocument): string[] {
  return policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => asArray(s.Action));
}

export function readPolicy(path: string): PolicyDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as PolicyDocument;
}

/** The read-only policy for a list of IAM actions: one statement per service, Resource "*" (reads name no resource up front). */
export function buildReadPolicy(actions: readonly string[]): PolicyDocument {
  const byService = new Map<string, string[]>();
  for (const action of [...new Set(actions)].sort()) {
    const service = action.split(':')[0];
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  return {
    Version: '2012-10-17',
    Statement: [...byService.entries()].map(([service, list]) => ({ Sid: `PostureRead${service.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`, Effect: 'Allow', Action: list, Resource: '*' })),
  };
}

/** Read-only actions for every read the audit code uses: the content of audit-role-policy.json. */
export function requiredReadActions(root: string): string[] {
  return usedCommands(root)
    .filter((c) => c.operation !== 'AssumeRole' && isReadCommand(c.operation))
    .map((c) => iamActionFor(c.package, c.operation));
}

// `node --require ts-node/register support/target/policy-coverage.ts` rewrites audit-role-policy.json from the code.
if (require.main === module) {
  writeFileSync(AUDIT_ROLE_POLICY, `${JSON.stringify(buildReadPolicy(requiredReadActions(join(__dirname, '../..'))), null, 2)}\n`);
  process.stdout.write(`wrote ${AUDIT_ROLE_POLICY}\n`);
}
