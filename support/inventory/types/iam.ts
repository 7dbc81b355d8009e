import type { Collected } from '../collected';
import type { OrganizationsInventory } from './organizations';

/** An IAM policy document as stored (URL-decoded JSON). */
export interface IamPolicyDocument {
  Version?: string;
  Statement: IamStatement[];
}

export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface InlinePolicy {
  name: string;
  document: IamPolicyDocument;
}

export interface AttachedPolicy {
  name: string;
  arn: string;
}

/**
 * One row of the credential report. Dates are ISO strings; a value the report does not have is null,
 * and `raw` keeps AWS's own word for it (N/A, no_information, not_supported).
 */
export interface CredentialReportRow {
  user: string; // "<root_account>" for the root user
  arn: string;
  userCreationTime: string | null;
  passwordEnabled: boolean | null; // null: not_supported (the root user's row)
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: CredentialReportKey[]; // key 1 and key 2, as the report numbers them
  raw: Record<string, string>;
}

export interface CredentialReportKey {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  lastUsedDate: string | null;
}

export interface CredentialReport {
  generatedTime: string | null;
  columns: string[];
  rows: CredentialReportRow[];
}

export const ROOT_ACCOUNT_ROW = '<root_account>';

/** GetAccountSummary: the CIS-documented way to see root keys and root MFA. */
export interface AccountSummary {
  accountAccessKeysPresent: number | null;
  accountMfaEnabled: number | null;
  groupsPerUserQuota: number | null;
}

export interface PasswordPolicy {
  minimumPasswordLength: number | null;
  passwordReusePrevention: number | null; // null: reuse is not prevented
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  maxPasswordAge: number | null;
}

export interface AccessKeyFacts {
  accessKeyId: string;
  status: 'Active' | 'Inactive' | string;
  createDate: string | null;
  lastUsedDate: string | null;
}

export interface IamUser {
  name: string;
  arn: string;
  createDate: string | null;
  groups: string[];
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  hasConsolePassword: Collected<boolean>;
  accessKeys: Collected<AccessKeyFacts[]>;
  mfaDevices: Collected<string[]>; // serial numbers
}

export interface IamGroup {
  name: string;
  arn: string;
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
}

export interface IamRole {
  name: string;
  arn: string;
  path: string;
  trustPolicy: IamPolicyDocument | null;
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  instanceProfiles: string[]; // instance profile ARNs that carry the role
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  attachmentCount: number;
  document: IamPolicyDocument | null; // the default version
}

export interface InstanceProfileUse {
  instanceId: string;
  arn: string;
  region: string;
  state: string;
  instanceProfileArn: string | null;
}

export interface AccessAnalyzerFacts {
  region: string;
  analyzers: Collected<{ name: string; arn: string; type: string; status: string }[]>;
}

export interface ServerCertificateFacts {
  name: string;
  arn: string;
  expiration: string | null; // ISO 8601
}

export interface IamInventory {
  account: string;
  /** When the inventory was read: the "now" against which ages are measured. */
  collectedAt: string;
  credentialReport: Collected<CredentialReport>;
  accountSummary: Collected<AccountSummary>;
  passwordPolicy: Collected<PasswordPolicy | null>; // null: the account has no password policy
  users: Collected<IamUser[]>;
  groups: Collected<IamGroup[]>;
  roles: Collected<IamRole[]>;
  /** Customer-managed policies with their default version. */
  customerPolicies: Collected<ManagedPolicy[]>;
  /** AWS-managed policies attached to any user, group or role, with their default version. */
  awsManagedPolicies: Collected<ManagedPolicy[]>;
  instances: Collected<InstanceProfileUse[]>;
  accessAnalyzers: AccessAnalyzerFacts[];
  /** SSL/TLS server certificates stored in IAM (CIS 1.18): name, ARN, expiry. */
  serverCertificates: Collected<ServerCertificateFacts[]>;
  /** The organizations collector's reading (shared, not read again): the SCPs that limit this account's principals. */
  organizations: Collected<OrganizationsInventory>;
}
