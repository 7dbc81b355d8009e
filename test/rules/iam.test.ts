import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import { collected, notCollected } from '../../support/inventory/collected';
import { CredentialReportFormatError, parseCredentialReport } from '../../support/inventory/iam-credential-report';
import type { IamGroup, IamInventory, IamRole, IamUser, ManagedPolicy, PasswordPolicy } from '../../support/inventory/types/iam';
import type { OrganizationsInventory } from '../../support/inventory/types/organizations';
import type { AnyControl } from '../../support/rules/control';
import { iamControls } from '../../support/rules/iam';
import { decisionFromWords } from '../../support/rules/iam/effective-permission';
import { groupMembershipLimit } from '../../support/rules/iam/group-limit';
import { staleCredentials } from '../../support/rules/iam/unused-credentials';
import { verdictOf, type Verdict } from '../../support/rules/types';

const ACCOUNT = '111122223333';
const NOW = '2026-11-23T12:00:00.000Z';
const config = parsePostureConfig('regions: [us-east-1, eu-west-1]\niam:\n  acceptedServiceRolePolicies: ["etl-legacy:AmazonS3FullAccess"]\n', 'test.yaml');
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString().replace('.000Z', '+00:00');

// --- credential report CSV, as IAM returns it ---------------------------------------------------------
const COLUMNS =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
interface Row { user: string; created?: string; password?: boolean | 'not_supported'; passwordUsed?: string; mfa?: boolean; key1?: [active: boolean, rotated: string, used?: string]; key2?: [active: boolean, rotated: string, used?: string] }
function csvRow(r: Row): string {
  const arn = r.user === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${r.user}`;
  const created = r.created ?? daysAgo(10);
  const key = (k?: Row['key1']) => (k ? [String(k[0]), k[1], k[2] ?? 'N/A', 'N/A', 'N/A'] : ['false', 'N/A', 'N/A', 'N/A', 'N/A']);
  const password = r.password === 'not_supported' ? 'not_supported' : String(r.password ?? false);
  const passwordUsed = r.passwordUsed ?? (r.password === true ? 'no_information' : 'N/A');
  return [r.user, arn, created, password, passwordUsed, r.password === true ? created : 'N/A', 'N/A', String(r.mfa ?? false), ...key(r.key1), ...key(r.key2), 'false', 'N/A', 'false', 'N/A'].join(',');
}
const reportOf = (...rows: Row[]) => collected(parseCredentialReport([COLUMNS, ...rows.map(csvRow)].join('\n'), NOW));
const ROOT_CLEAN: Row = { user: '<root_account>', password: 'not_supported', passwordUsed: daysAgo(400), mfa: true };

// --- inventory builders ----------------------------------------------------------------------------------
function user(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return { name, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, createDate: daysAgo(10), groups: [], attachedPolicies: [], inlinePolicies: [], hasConsolePassword: collected(false), accessKeys: collected([]), mfaDevices: collected([]), ...overrides };
}
function role(name: string, service: string | null, overrides: Partial<IamRole> = {}): IamRole {
  const principal = service ? { Service: service } : { AWS: `arn:aws:iam::${ACCOUNT}:root` };
  return { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, path: '/', trustPolicy: { Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] }, attachedPolicies: [], inlinePolicies: [], instanceProfiles: [], ...overrides };
}
const group = (name: string, overrides: Partial<IamGroup> = {}): IamGroup => ({ name, arn: `arn:aws:iam::${ACCOUNT}:group/${name}`, attachedPolicies: [], inlinePolicies: [], ...overrides });
const key = (id: string, ageDays: number, status = 'Active') => ({ accessKeyId: id, status, createDate: daysAgo(ageDays).replace('+00:00', 'Z'), lastUsedDate: null });
const SUPPORT = { name: 'AWSSupportAccess', arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' };
const ADMIN_DOC = { Statement: [{ Sid: 'All', Effect: 'Allow' as const, Action: '*', Resource: '*' }] };
const customer = (name: string, document: ManagedPolicy['document'], attachmentCount = 1): ManagedPolicy => ({ name, arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, attachmentCount, document });
const OPERATOR_DOC = { Statement: [{ Effect: 'Allow' as const, Action: ['ec2:Describe*', 'ec2:StartInstances', 'ec2:StopInstances'], Resource: '*' }] };

/** The audited account as the management account, or as a member under the root with the given SCPs. */
function organization(options: { audited: 'management' | 'member'; scps?: object[] }): OrganizationsInventory {
  const fullAccess = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const policy = (name: string, document: object, target: string) => ({ id: `p-${name}`, arn: `arn:aws:organizations::999988887777:policy/${name}`, name, awsManaged: name === 'FullAWSAccess', document: document as never, targets: [{ id: target, type: target.startsWith('r-') ? ('ROOT' as const) : ('ACCOUNT' as const), name: target }] });
  return {
    account: ACCOUNT,
    organization: collected({
      id: 'o-exampleorg',
      arn: 'arn:aws:organizations::999988887777:organization/o-exampleorg',
      featureSet: 'ALL',
      managementAccountId: options.audited === 'management' ? ACCOUNT : '999988887777',
      auditedIsManagement: options.audited === 'management',
      structure: collected({
        roots: [{ id: 'r-ab12', arn: 'arn:aws:organizations::999988887777:root/o-exampleorg/r-ab12', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
        organizationalUnits: [],
        accounts: [{ id: ACCOUNT, arn: `arn:aws:organizations::999988887777:account/o-exampleorg/${ACCOUNT}`, name: 'audited', status: 'ACTIVE', parentChain: ['r-ab12'] }],
      }),
      serviceControlPolicies: collected([policy('FullAWSAccess', fullAccess, 'r-ab12'), policy('FullAWSAccess-account', fullAccess, ACCOUNT), ...(options.scps ?? []).map((doc, i) => policy(`scp-${i + 1}`, doc, 'r-ab12'))]),
    }),
  };
}

function passwordPolicy(overrides: Partial<PasswordPolicy> = {}): PasswordPolicy {
  return { minimumPasswordLength: 14, passwordReusePrevention: 24, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true, maxPasswordAge: null, ...overrides };
}

function inventory(overrides: Partial<IamInventory> = {}): IamInventory {
  return {
    account: ACCOUNT,
    collectedAt: NOW,
    credentialReport: reportOf(ROOT_CLEAN),
    accountSummary: collected({ accountAccessKeysPresent: 0, accountMfaEnabled: 1, groupsPerUserQuota: 10 }),
    passwordPolicy: collected(passwordPolicy()),
    users: collected([user('alice', { groups: ['admins'], hasConsolePassword: collected(true), mfaDevices: collected(['arn:aws:iam::111122223333:mfa/alice']) })]),
    groups: collected([group('admins', { attachedPolicies: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] })]),
    roles: collected([role('aws-support', null, { attachedPolicies: [SUPPORT] }), role('app-server', 'ec2.amazonaws.com')]),
    customerPolicies: collected([]),
    awsManagedPolicies: collected([{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', attachmentCount: 1, document: ADMIN_DOC }]),
    serverCertificates: collected([{ name: 'www-2027', arn: `arn:aws:iam::${ACCOUNT}:server-certificate/www-2027`, expiration: '2027-06-01T00:00:00.000Z' }]),
    instances: collected([{ instanceId: 'i-0abc', arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, region: 'us-east-1', state: 'running', instanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/app-server` }]),
    organizations: collected(organization({ audited: 'management' })),
    accessAnalyzers: ['us-east-1', 'eu-west-1'].map((region) => ({ region, analyzers: collected([{ name: 'account', arn: `arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer/account`, type: 'ACCOUNT', status: 'ACTIVE' }]) })),
    ...overrides,
  };
}
const noRootRow = reportOf({ user: 'alice', password: true });
const DENIED = notCollected<never>('IAM GetAccountAuthorizationDetails: AccessDenied');

interface Case { name: string; inventory: IamInventory; verdict: Verdict; findings?: [resource: string, problem: RegExp][] }
const ACCOUNT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

const TABLES: [AnyControl, Case[]][] = [
  [
    iamControls.rootNoAccessKeys,
    [
      { name: 'root row without keys', inventory: inventory(), verdict: 'compliant' },
      { name: 'root row with an active key', inventory: inventory({ credentialReport: reportOf({ ...ROOT_CLEAN, key1: [true, daysAgo(500)] }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /access key 1 active/]] },
      { name: 'root row with an inactive key only', inventory: inventory({ credentialReport: reportOf({ ...ROOT_CLEAN, key2: [false, daysAgo(500)] }) }), verdict: 'compliant' },
      { name: 'no root row (emulator): account summary says none', inventory: inventory({ credentialReport: noRootRow }), verdict: 'compliant' },
      { name: 'no root row: account summary says present', inventory: inventory({ credentialReport: noRootRow, accountSummary: collected({ accountAccessKeysPresent: 1, accountMfaEnabled: 1, groupsPerUserQuota: 10 }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /AccountAccessKeysPresent is 1/]] },
      { name: 'report and summary unreadable', inventory: inventory({ credentialReport: notCollected('IAM credential report: AccessDenied'), accountSummary: notCollected('IAM GetAccountSummary: AccessDenied') }), verdict: 'not-verified' },
      { name: 'root row in a report without key columns is not read as "no keys"', inventory: inventory({ credentialReport: collected(parseCredentialReport(`user,arn,mfa_active\n<root_account>,${ACCOUNT_ARN},true\n`)), accountSummary: collected({ accountAccessKeysPresent: 1, accountMfaEnabled: 1, groupsPerUserQuota: 10 }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /AccountAccessKeysPresent is 1/]] },
      { name: 'root row without key columns and no summary: not verified', inventory: inventory({ credentialReport: collected(parseCredentialReport(`user,arn,mfa_active\n<root_account>,${ACCOUNT_ARN},true\n`)), accountSummary: notCollected('IAM GetAccountSummary: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.rootMfa,
    [
      { name: 'root row with MFA', inventory: inventory(), verdict: 'compliant' },
      { name: 'root row without MFA', inventory: inventory({ credentialReport: reportOf({ ...ROOT_CLEAN, mfa: false }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /no MFA device/]] },
      { name: 'no root row: account summary AccountMFAEnabled 1', inventory: inventory({ credentialReport: noRootRow }), verdict: 'compliant' },
      { name: 'no root row: AccountMFAEnabled 0 (what the emulator answers)', inventory: inventory({ credentialReport: noRootRow, accountSummary: collected({ accountAccessKeysPresent: 0, accountMfaEnabled: 0, groupsPerUserQuota: 10 }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /AccountMFAEnabled is 0/]] },
      { name: 'unreadable', inventory: inventory({ credentialReport: notCollected('IAM credential report: AccessDenied'), accountSummary: notCollected('IAM GetAccountSummary: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.rootNotUsed,
    [
      { name: 'root last used long ago', inventory: inventory(), verdict: 'compliant' },
      { name: 'root password used yesterday', inventory: inventory({ credentialReport: reportOf({ ...ROOT_CLEAN, passwordUsed: daysAgo(1) }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /password was used/]] },
      { name: 'root key used last week', inventory: inventory({ credentialReport: reportOf({ ...ROOT_CLEAN, key1: [false, daysAgo(900), daysAgo(7)] }) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /access key 1 was used/]] },
      { name: 'no root row (emulator) is not verified, never passed', inventory: inventory({ credentialReport: noRootRow }), verdict: 'not-verified' },
      { name: 'unreadable', inventory: inventory({ credentialReport: notCollected('IAM credential report: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.passwordMinimumLength,
    [
      { name: '14 characters', inventory: inventory(), verdict: 'compliant' },
      { name: '8 characters', inventory: inventory({ passwordPolicy: collected(passwordPolicy({ minimumPasswordLength: 8 })) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /length is 8, below 14/]] },
      { name: 'no password policy', inventory: inventory({ passwordPolicy: collected(null) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /no password policy/]] },
      { name: 'unreadable', inventory: inventory({ passwordPolicy: notCollected('IAM GetAccountPasswordPolicy: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.passwordReusePrevention,
    [
      { name: '24 remembered', inventory: inventory(), verdict: 'compliant' },
      { name: 'reuse allowed', inventory: inventory({ passwordPolicy: collected(passwordPolicy({ passwordReusePrevention: null })) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /does not prevent reuse/]] },
      { name: 'only 5 remembered', inventory: inventory({ passwordPolicy: collected(passwordPolicy({ passwordReusePrevention: 5 })) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /remembers 5/]] },
      { name: 'no password policy', inventory: inventory({ passwordPolicy: collected(null) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /no password policy/]] },
      { name: 'unreadable', inventory: inventory({ passwordPolicy: notCollected('IAM GetAccountPasswordPolicy: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.consoleUsersMfa,
    [
      { name: 'console user with MFA; programmatic user without', inventory: inventory({ users: collected([user('alice', { hasConsolePassword: collected(true), mfaDevices: collected(['mfa']) }), user('ci')]) }), verdict: 'compliant' },
      { name: 'console user without MFA', inventory: inventory({ users: collected([user('alice', { hasConsolePassword: collected(true) })]) }), verdict: 'non-compliant', findings: [[ALICE, /console password and no MFA/]] },
      { name: 'MFA devices unreadable', inventory: inventory({ users: collected([user('alice', { hasConsolePassword: collected(true), mfaDevices: notCollected('alice: ListMFADevices: AccessDenied') })]) }), verdict: 'not-verified' },
      { name: 'users unreadable', inventory: inventory({ users: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.unusedCredentials,
    [
      { name: 'fresh password and key', inventory: inventory({ credentialReport: reportOf(ROOT_CLEAN, { user: 'alice', password: true, passwordUsed: daysAgo(3), key1: [true, daysAgo(60), daysAgo(2)] }) }), verdict: 'compliant' },
      { name: 'password last used 46 days ago', inventory: inventory({ credentialReport: reportOf({ user: 'alice', created: daysAgo(300), password: true, passwordUsed: daysAgo(46) }) }), verdict: 'non-compliant', findings: [[ALICE, /password last used 46 days ago/]] },
      { name: 'key never used, created 50 days ago', inventory: inventory({ credentialReport: reportOf({ user: 'alice', key1: [true, daysAgo(50)] }) }), verdict: 'non-compliant', findings: [[ALICE, /access key 1 never used, created 50 days ago/]] },
      { name: 'old unused key that is inactive is fine', inventory: inventory({ credentialReport: reportOf({ user: 'alice', key2: [false, daysAgo(500)] }) }), verdict: 'compliant' },
      { name: 'report without the access key 2 columns', inventory: inventory({ credentialReport: collected(parseCredentialReport(['user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date', `alice,${ALICE},${daysAgo(10)},false,N/A,N/A,false,N/A,N/A`].join('\n'))) }), verdict: 'not-verified' },
      { name: 'report without last-used columns', inventory: inventory({ credentialReport: collected(parseCredentialReport('user,arn,password_enabled\nalice,arn:aws:iam::111122223333:user/alice,true\n')) }), verdict: 'not-verified' },
      { name: 'report unreadable', inventory: inventory({ credentialReport: notCollected('IAM credential report: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.oneActiveAccessKey,
    [
      { name: 'one active, one inactive', inventory: inventory({ users: collected([user('alice', { accessKeys: collected([key('KEY-ONE', 10), key('KEY-TWO', 200, 'Inactive')]) })]) }), verdict: 'compliant' },
      { name: 'two active', inventory: inventory({ users: collected([user('alice', { accessKeys: collected([key('KEY-ONE', 10), key('KEY-TWO', 20)]) })]) }), verdict: 'non-compliant', findings: [[ALICE, /2 active access keys/]] },
      { name: 'keys unreadable', inventory: inventory({ users: collected([user('alice', { accessKeys: notCollected('alice: ListAccessKeys: AccessDenied') })]) }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.accessKeyRotation,
    [
      { name: 'key 90 days old', inventory: inventory({ users: collected([user('alice', { accessKeys: collected([key('KEY-ONE', 90)]) })]) }), verdict: 'compliant' },
      { name: 'key 91 days old', inventory: inventory({ users: collected([user('alice', { accessKeys: collected([key('KEY-ONE', 91)]) })]) }), verdict: 'non-compliant', findings: [[ALICE, /KEY-ONE is 91 days old \(rotate within 90\)/]] },
      { name: 'old inactive key is not asked to rotate', inventory: inventory({ users: collected([user('alice', { accessKeys: collected([key('KEY-ONE', 400, 'Inactive')]) })]) }), verdict: 'compliant' },
      { name: 'users unreadable', inventory: inventory({ users: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.permissionsThroughGroups,
    [
      { name: 'permissions through groups only', inventory: inventory(), verdict: 'compliant' },
      { name: 'user with AdministratorAccess attached', inventory: inventory({ users: collected([user('alice', { attachedPolicies: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] })]) }), verdict: 'non-compliant', findings: [[ALICE, /managed policy AdministratorAccess/]] },
      { name: 'user with an inline policy', inventory: inventory({ users: collected([user('alice', { inlinePolicies: [{ name: 'mine', document: OPERATOR_DOC }] })]) }), verdict: 'non-compliant', findings: [[ALICE, /inline policy mine/]] },
      { name: 'users unreadable', inventory: inventory({ users: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.noFullAdminPolicies,
    [
      { name: 'AWS AdministratorAccess on a group; narrow customer policy', inventory: inventory({ customerPolicies: collected([customer('operator', OPERATOR_DOC)]) }), verdict: 'compliant' },
      { name: 'attached customer policy allows *:*', inventory: inventory({ customerPolicies: collected([customer('everything', { Statement: [{ Effect: 'Allow', Action: '*:*', Resource: '*' }] })]) }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:policy/everything`, /allows "\*" on "\*"/]] },
      { name: 'unattached customer policy with * is out of scope', inventory: inventory({ customerPolicies: collected([customer('draft', ADMIN_DOC, 0)]) }), verdict: 'compliant' },
      { name: 'inline role policy allows *', inventory: inventory({ roles: collected([role('app-server', 'ec2.amazonaws.com', { inlinePolicies: [{ name: 'god', document: ADMIN_DOC }] })]) }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:role/app-server`, /inline policy god/]] },
      { name: '* with an MFA condition is still full admin (the finding names the condition)', inventory: inventory({ customerPolicies: collected([customer('mfa-only', { Statement: [{ Sid: 'AdminWithMfa', Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] })]) }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:policy/mfa-only`, /AdminWithMfa under condition aws:MultiFactorAuthPresent \(Bool\)/]] },
      { name: 'policies unreadable', inventory: inventory({ customerPolicies: DENIED }), verdict: 'not-verified' },
      { name: 'attached customer policy whose document was not read', inventory: inventory({ customerPolicies: collected([customer('unread', null)]) }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.supportRole,
    [
      { name: 'a role holds AWSSupportAccess', inventory: inventory(), verdict: 'compliant' },
      { name: 'no role holds it', inventory: inventory({ roles: collected([role('app-server', 'ec2.amazonaws.com')]) }), verdict: 'non-compliant', findings: [[ACCOUNT_ARN, /no role has arn:aws:iam::aws:policy\/AWSSupportAccess/]] },
      { name: 'roles unreadable', inventory: inventory({ roles: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.instanceRoles,
    [
      { name: 'instance with a profile', inventory: inventory(), verdict: 'compliant' },
      { name: 'instance without a profile', inventory: inventory({ instances: collected([{ instanceId: 'i-0def', arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0def`, region: 'eu-west-1', state: 'stopped', instanceProfileArn: null }]) }), verdict: 'non-compliant', findings: [[`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0def`, /no instance profile/]] },
      { name: 'instances unreadable', inventory: inventory({ instances: notCollected('EC2 DescribeInstances (us-east-1): UnauthorizedOperation') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.expiredServerCertificates,
    [
      { name: 'a certificate valid until 2027', inventory: inventory(), verdict: 'compliant' },
      { name: 'no server certificates', inventory: inventory({ serverCertificates: collected([]) }), verdict: 'compliant' },
      { name: 'a certificate that expired in 2021', inventory: inventory({ serverCertificates: collected([{ name: 'legacy', arn: `arn:aws:iam::${ACCOUNT}:server-certificate/legacy`, expiration: '2021-01-01T00:00:00.000Z' }]) }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:server-certificate/legacy`, /expired on 2021-01-01/]] },
      { name: 'certificates unreadable', inventory: inventory({ serverCertificates: notCollected('IAM ListServerCertificates: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.accessAnalyzer,
    [
      { name: 'ACTIVE analyzer in both regions', inventory: inventory(), verdict: 'compliant' },
      { name: 'none in eu-west-1', inventory: inventory({ accessAnalyzers: [inventory().accessAnalyzers[0], { region: 'eu-west-1', analyzers: collected([]) }] }), verdict: 'non-compliant', findings: [[`arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/*`, /no IAM Access Analyzer/]] },
      { name: 'service missing (the emulator has no Access Analyzer)', inventory: inventory({ accessAnalyzers: [{ region: 'us-east-1', analyzers: notCollected('IAM Access Analyzer ListAnalyzers (us-east-1): SyntaxError') }] }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.serviceRoleLeastPrivilege,
    [
      { name: 'narrow Lambda and Glue roles', inventory: inventory({ roles: collected([role('fn', 'lambda.amazonaws.com', { attachedPolicies: [{ name: 'AWSLambdaBasicExecutionRole', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }] })]) }), verdict: 'compliant' },
      { name: 'EC2 role with AmazonS3FullAccess', inventory: inventory({ roles: collected([role('web', 'ec2.amazonaws.com', { attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }] })]) }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:role/web`, /holds AmazonS3FullAccess/]] },
      { name: 'accepted in the posture config', inventory: inventory({ roles: collected([role('etl-legacy', 'glue.amazonaws.com', { attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }] })]) }), verdict: 'compliant' },
      { name: 'a person\'s role with FullAccess is not a service role', inventory: inventory({ roles: collected([role('ops', null, { attachedPolicies: [{ name: 'AmazonEC2FullAccess', arn: 'arn:aws:iam::aws:policy/AmazonEC2FullAccess' }] })]) }), verdict: 'compliant' },
      { name: 'roles unreadable', inventory: inventory({ roles: DENIED }), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.effectivePermission('dana', 'ec2:TerminateInstances', 'ImplicitlyDenied'),
    [
      { name: 'operator policy through a group: terminate implicitly denied', inventory: operatorInventory(OPERATOR_DOC), verdict: 'compliant' },
      { name: 'group policy grows ec2:TerminateInstances', inventory: operatorInventory({ Statement: [...OPERATOR_DOC.Statement, { Effect: 'Allow', Action: ['ec2:TerminateInstances'], Resource: '*' }] }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:user/dana`, /is allowed, expected implicitly denied/]] },
      { name: 'principal not in the account: not applicable (its users and roles were read)', inventory: inventory(), verdict: 'not-applicable' },
      { name: 'a policy document is missing', inventory: operatorInventory(null), verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.effectivePermission('dana', 'ec2:StartInstances', 'Allowed'),
    [
      { name: 'start allowed by the group policy', inventory: operatorInventory(OPERATOR_DOC), verdict: 'compliant' },
      { name: 'an explicit deny beats the allow', inventory: operatorInventory(OPERATOR_DOC, [{ name: 'freeze', document: { Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] } }]), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:user/dana`, /explicitly denied/]] },
      { name: 'users unreadable', inventory: inventory({ users: DENIED }), verdict: 'not-verified' },
      { name: 'member account: an SCP denying ec2:StartInstances wins', inventory: { ...operatorInventory(OPERATOR_DOC), organizations: collected(organization({ audited: 'member', scps: [{ Statement: [{ Sid: 'NoStarting', Effect: 'Deny', Action: 'ec2:StartInstances', Resource: '*' }] }] })) }, verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:user/dana`, /explicitly denied by SCP "scp-1"/]] },
      { name: 'member account: FullAWSAccess at every level leaves it allowed', inventory: { ...operatorInventory(OPERATOR_DOC), organizations: collected(organization({ audited: 'member' })) }, verdict: 'compliant' },
      { name: 'SCPs unreadable: "allowed" is unproven', inventory: { ...operatorInventory(OPERATOR_DOC), organizations: notCollected('organizations inventory: AccessDenied') }, verdict: 'not-verified' },
    ],
  ],
  [
    iamControls.effectivePermission('dana', 'ec2:RunInstances', 'ImplicitlyDenied'),
    [
      { name: 'SCPs unreadable: a denial by identity policies is already certain', inventory: { ...operatorInventory(OPERATOR_DOC), organizations: notCollected('organizations inventory: AccessDenied') }, verdict: 'compliant' },
      { name: 'a group policy allowing ec2:* would allow it', inventory: operatorInventory({ Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }), verdict: 'non-compliant', findings: [[`arn:aws:iam::${ACCOUNT}:user/dana`, /is allowed/]] },
      { name: 'groups unreadable', inventory: inventory({ groups: DENIED }), verdict: 'not-verified' },
    ],
  ],
];

function operatorInventory(document: ManagedPolicy['document'], danaInline: IamUser['inlinePolicies'] = []): IamInventory {
  return inventory({
    users: collected([user('dana', { groups: ['developers'], inlinePolicies: danaInline })]),
    groups: collected([group('developers', { attachedPolicies: [{ name: 'operator', arn: `arn:aws:iam::${ACCOUNT}:policy/operator` }] })]),
    customerPolicies: collected([customer('operator', document)]),
  });
}

for (const [control, cases] of TABLES) {
  describe(`${control.meta.id}: ${control.meta.title}`, () => {
    assert.ok(cases.some((c) => c.verdict === 'compliant') && cases.some((c) => c.verdict === 'non-compliant') && cases.some((c) => c.verdict === 'not-verified'), 'each rule has compliant, non-compliant and not-verified cases');
    for (const c of cases) {
      test(c.name, () => {
        const result = control.evaluate(c.inventory, { account: ACCOUNT, region: 'global', config });
        assert.equal(verdictOf(result), c.verdict, JSON.stringify(result));
        if (c.findings) {
          assert.ok(verdictOf(result) === 'non-compliant');
          assert.deepEqual(result.findings.map((f) => f.resource), c.findings.map(([resource]) => resource));
          c.findings.forEach(([, problem], i) => assert.match(result.findings[i].problem, problem));
        }
      });
    }
  });
}

describe('credential report parser', () => {
  const cases: { name: string; csv: string; expect: (r: ReturnType<typeof parseCredentialReport>) => void }[] = [
    {
      name: 'root row: password not_supported, keys and MFA read',
      csv: [COLUMNS, csvRow({ user: '<root_account>', password: 'not_supported', mfa: true, key1: [true, '2020-01-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00'] })].join('\n'),
      expect: (r) => {
        assert.equal(r.rows[0].user, '<root_account>');
        assert.equal(r.rows[0].passwordEnabled, null);
        assert.equal(r.rows[0].mfaActive, true);
        assert.deepEqual(r.rows[0].accessKeys[0], { slot: 1, active: true, lastRotated: '2020-01-01T00:00:00+00:00', lastUsedDate: '2026-11-01T00:00:00+00:00' });
        assert.equal(r.rows[0].accessKeys[1].active, false);
      },
    },
    {
      name: 'N/A, no_information and not_supported are no date',
      csv: [COLUMNS, csvRow({ user: 'alice', password: true })].join('\r\n') + '\r\n',
      expect: (r) => {
        assert.equal(r.rows.length, 1);
        assert.equal(r.rows[0].passwordEnabled, true);
        assert.equal(r.rows[0].passwordLastUsed, null);
        assert.equal(r.rows[0].raw.password_last_used, 'no_information');
        assert.equal(r.rows[0].accessKeys[0].lastRotated, null);
      },
    },
    {
      name: 'header only: no users',
      csv: COLUMNS + '\n',
      expect: (r) => assert.deepEqual(r.rows, []),
    },
  ];
  for (const c of cases) test(c.name, () => c.expect(parseCredentialReport(c.csv, NOW)));
  for (const [name, csv] of [
    ['empty', ''],
    ['wrong header', 'name,arn\nalice,arn'],
    ['short line', `${COLUMNS}\nalice,arn:aws:iam::111122223333:user/alice`],
    ['quoted field', `user,arn\n"alice",arn:aws:iam::111122223333:user/alice`],
  ]) {
    test(`refuses: ${name}`, () => assert.throws(() => parseCredentialReport(csv), CredentialReportFormatError));
  }
});

describe('stale credentials (CIS 1.11 arithmetic)', () => {
  const row = (r: Row) => parseCredentialReport([COLUMNS, csvRow(r)].join('\n')).rows[0];
  const cases: [string, Row, number, string[]][] = [
    ['password used 44 days ago', { user: 'a', password: true, passwordUsed: daysAgo(44) }, 45, []],
    ['password used 45 days ago', { user: 'a', password: true, passwordUsed: daysAgo(45) }, 45, ['console password last used 45 days ago']],
    ['password never used, set 100 days ago', { user: 'a', created: daysAgo(100), password: true }, 45, ['console password never used, set 100 days ago']],
    ['key used 2 days ago though created 400 days ago', { user: 'a', key1: [true, daysAgo(400), daysAgo(2)] }, 45, []],
    ['second key never used for 60 days', { user: 'a', key2: [true, daysAgo(60)] }, 45, ['access key 2 never used, created 60 days ago']],
    ['threshold from config: 90', { user: 'a', key1: [true, daysAgo(60)] }, 90, []],
  ];
  for (const [name, r, days, expected] of cases) test(name, () => assert.deepEqual(staleCredentials(row(r), NOW, days), expected));
});

describe('group membership limit (exam: at most 10 groups)', () => {
  const groups = (n: number) => Array.from({ length: n }, (_, i) => `g${i + 1}`);
  for (const [n, overBy] of [[1, 0], [10, 0], [11, 1], [12, 2]] as const) {
    test(`${n} groups → over by ${overBy}`, () => assert.equal(groupMembershipLimit('u', groups(n)).overBy, overBy));
  }
  test('quota from the account summary', () => assert.equal(groupMembershipLimit('u', groups(6), 5).overBy, 1));
});

describe('decision words', () => {
  for (const [words, decision] of [['allowed', 'Allowed'], ['explicitly denied', 'ExplicitlyDenied'], ['implicitly denied', 'ImplicitlyDenied']] as const) {
    test(words, () => assert.equal(decisionFromWords(words), decision));
  }
  test('unknown words are refused', () => assert.throws(() => decisionFromWords('maybe')));
});
