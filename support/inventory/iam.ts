import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
  paginateListMFADevices,
  paginateListServerCertificates,
  type GetAccountAuthorizationDetailsCommandOutput,
  type PolicyDetail,
} from '@aws-sdk/client-iam';
import { mapBounded } from './cache';
import { attempt, collected, errorCode, notCollected, type Collected } from './collected';
import { allPages, type CollectContext, type Collector } from './collector';
import { parseCredentialReport } from './iam-credential-report';
import type { AccessKeyFacts, AccountSummary, AttachedPolicy, CredentialReport, IamGroup, IamInventory, IamPolicyDocument, IamRole, IamUser, InlinePolicy, InstanceProfileUse, ManagedPolicy, PasswordPolicy } from './types/iam';

const USER_CONCURRENCY = 8;
/** AWS builds the report asynchronously; on a large account it takes seconds. */
const REPORT_ATTEMPTS = 20;
const REPORT_WAIT_MS = 1_000;

type AuthorizationDetails = Pick<GetAccountAuthorizationDetailsCommandOutput, 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'>;

export const iamCollector: Collector<IamInventory> = {
  name: 'iam',
  scope: 'account', // IAM is global; instances and Access Analyzer are read in every audited region
  async collect(ctx) {
    const iam = ctx.clients.client(IAMClient, ctx.account, ctx.region);
    const collectedAt = new Date().toISOString();
    const [credentialReport, accountSummary, passwordPolicy, details] = await Promise.all([
      attempt('IAM GenerateCredentialReport/GetCredentialReport', () => readCredentialReport(iam)),
      attempt('IAM GetAccountSummary', async () => toSummary((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {})),
      attempt('IAM GetAccountPasswordPolicy', async () => toPasswordPolicy((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy), { absent: ['NoSuchEntity', 'NoSuchEntityException'], whenAbsent: null }),
      attempt('IAM GetAccountAuthorizationDetails', () => readAuthorizationDetails(iam)),
    ]);
    const [users, awsManagedPolicies, instances, accessAnalyzers, organizations, serverCertificates] = await Promise.all([
      details.kind === 'collected'
        ? mapBounded(details.value.UserDetailList ?? [], USER_CONCURRENCY, (u) => userFacts(iam, u, reportAnswers(credentialReport, u.Arn))).then((all) => collected(all))
        : Promise.resolve(details as Collected<IamUser[]>),
      details.kind === 'collected' ? readAttachedAwsPolicies(iam, details.value) : Promise.resolve(details as Collected<ManagedPolicy[]>),
      readInstances(ctx),
      Promise.all(ctx.config.regions.map((region) => readAnalyzers(ctx, region))),
      attempt('organizations inventory', () => ctx.inventory('organizations')),
      attempt('IAM ListServerCertificates', () =>
        allPages(paginateListServerCertificates({ client: iam }, {}), (p) =>
          p.ServerCertificateMetadataList?.map((c) => ({ name: c.ServerCertificateName ?? '', arn: c.Arn ?? '', expiration: c.Expiration ? c.Expiration.toISOString() : null })),
        ),
      ),
    ]);
    return {
      account: ctx.account.accountId,
      collectedAt,
      credentialReport,
      accountSummary,
      passwordPolicy,
      users,
      groups: details.kind === 'collected' ? collected((details.value.GroupDetailList ?? []).map(toGroup)) : details,
      roles: details.kind === 'collected' ? collected((details.value.RoleDetailList ?? []).map(toRole)) : details,
      customerPolicies: details.kind === 'collected' ? collected((details.value.Policies ?? []).map(toManagedPolicy)) : details,
      awsManagedPolicies,
      instances,
      accessAnalyzers,
      organizations,
      serverCertificates,
    };
  },
};

/** GenerateCredentialReport (allowed by the read-only guard) until COMPLETE, then GetCredentialReport. */
async function readCredentialReport(iam: IAMClient): Promise<CredentialReport> {
  for (let attemptNo = 1; ; attemptNo++) {
    const state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
    if (state === 'COMPLETE' || attemptNo >= REPORT_ATTEMPTS) break;
    await sleep(attemptNo === 1 ? 200 : REPORT_WAIT_MS);
  }
  for (let attemptNo = 1; ; attemptNo++) {
    try {
      const report = await iam.send(new GetCredentialReportCommand({}));
      return parseCredentialReport(Buffer.from(report.Content ?? new Uint8Array()).toString('utf8'), report.GeneratedTime?.toISOString() ?? null);
    } catch (error) {
      const stillBuilding = ['ReportInProgress', 'CredentialReportNotReadyException', 'ReportNotPresent', 'CredentialReportNotPresentException'].includes(errorCode(error));
      if (!stillBuilding || attemptNo >= REPORT_ATTEMPTS) throw error;
      await sleep(REPORT_WAIT_MS);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAuthorizationDetails(iam: IAMClient): Promise<AuthorizationDetails> {
  const all: Required<AuthorizationDetails> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'] })) {
    all.UserDetailList.push(...(page.UserDetailList ?? []));
    all.GroupDetailList.push(...(page.GroupDetailList ?? []));
    all.RoleDetailList.push(...(page.RoleDetailList ?? []));
    all.Policies.push(...(page.Policies ?? []));
  }
  return all;
}

/** The documents of AWS-managed policies in use (the authorization details name them, without documents). */
async function readAttachedAwsPolicies(iam: IAMClient, details: AuthorizationDetails): Promise<Collected<ManagedPolicy[]>> {
  const attached = [
    ...(details.UserDetailList ?? []).flatMap((u) => u.AttachedManagedPolicies ?? []),
    ...(details.GroupDetailList ?? []).flatMap((g) => g.AttachedManagedPolicies ?? []),
    ...(details.RoleDetailList ?? []).flatMap((r) => r.AttachedManagedPolicies ?? []),
  ];
  const arns = [...new Set(attached.map((p) => p.PolicyArn ?? '').filter((arn) => arn.startsWith('arn:aws:iam::aws:policy/')))];
  const policies = await mapBounded(arns, USER_CONCURRENCY, (PolicyArn) =>
    attempt(`IAM GetPolicy ${PolicyArn}`, async (): Promise<ManagedPolicy> => {
      const policy = (await iam.send(new GetPolicyCommand({ PolicyArn }))).Policy;
      const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn, VersionId: policy?.DefaultVersionId }));
      return { name: policy?.PolicyName ?? '', arn: PolicyArn, attachmentCount: policy?.AttachmentCount ?? 0, document: parsePolicyDocument(version.PolicyVersion?.Document) };
    }),
  );
  const failed = policies.find((p) => p.kind === 'not-collected');
  if (failed) return failed as Collected<never>;
  return collected(policies.flatMap((p) => (p.kind === 'collected' ? [p.value] : [])));
}

/** Columns that answer a user's password, MFA and key facts; a report without them is not used for them. */
const USER_FACT_COLUMNS = ['password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date'];

type UserCredentialFacts = Pick<IamUser, 'hasConsolePassword' | 'accessKeys' | 'mfaDevices'>;

/**
 * The credential report answers, for each user it lists, what GetLoginProfile, ListAccessKeys,
 * GetAccessKeyLastUsed and ListMFADevices would (four calls per user): use it where it has the user and
 * the columns. Keys are named by their slot (the report has no key ids; a user with two keys gets one
 * ListAccessKeys so findings name them); MFA by "mfa_active".
 */
export function reportAnswers(report: Collected<CredentialReport>, arn: string | undefined): UserCredentialFacts | undefined {
  if (report.kind !== 'collected' || !USER_FACT_COLUMNS.every((c) => report.value.columns.includes(c))) return undefined;
  const row = report.value.rows.find((r) => r.arn === arn);
  if (!row || row.passwordEnabled === null) return undefined;
  return {
    hasConsolePassword: collected(row.passwordEnabled),
    accessKeys: collected(
      row.accessKeys
        .filter((k) => k.active || k.lastRotated)
        .map((k): AccessKeyFacts => ({ accessKeyId: `access key ${k.slot}`, status: k.active ? 'Active' : 'Inactive', createDate: k.lastRotated, lastUsedDate: k.lastUsedDate })),
    ),
    mfaDevices: collected(row.mfaActive ? ['mfa_active (credential report)'] : []),
  };
}

async function userFacts(iam: IAMClient, user: NonNullable<AuthorizationDetails['UserDetailList']>[number], fromReport: UserCredentialFacts | undefined): Promise<IamUser> {
  const UserName = user.UserName ?? '';
  const identity = {
    name: UserName,
    arn: user.Arn ?? '',
    createDate: user.CreateDate?.toISOString() ?? null,
    groups: user.GroupList ?? [],
    attachedPolicies: toAttached(user.AttachedManagedPolicies),
    inlinePolicies: toInline(user.UserPolicyList),
  };
  if (fromReport) {
    const keys = fromReport.accessKeys.kind === 'collected' ? fromReport.accessKeys.value : [];
    // Two keys: findings (one active key, rotation) name them by id, which the report lacks; one listing says which is which.
    if (keys.length < 2) return { ...identity, ...fromReport };
    const listed = await attempt(`${UserName}: ListAccessKeys`, () => allPages(paginateListAccessKeys({ client: iam }, { UserName }), (p) => p.AccessKeyMetadata));
    const accessKeys: Collected<AccessKeyFacts[]> =
      listed.kind !== 'collected'
        ? listed
        : collected(
            listed.value.map((key) => {
              const createDate = key.CreateDate?.toISOString() ?? null;
              const slot = keys.find((k) => k.createDate !== null && createDate !== null && Date.parse(k.createDate) === Date.parse(createDate));
              return { accessKeyId: key.AccessKeyId ?? '', status: key.Status ?? 'unknown', createDate, lastUsedDate: slot?.lastUsedDate ?? null };
            }),
          );
    return { ...identity, ...fromReport, accessKeys };
  }
  const [hasConsolePassword, accessKeys, mfaDevices] = await Promise.all([
    attempt(`${UserName}: GetLoginProfile`, async () => Boolean(await iam.send(new GetLoginProfileCommand({ UserName }))), { absent: ['NoSuchEntity', 'NoSuchEntityException'], whenAbsent: false }),
    attempt(`${UserName}: ListAccessKeys`, async () => {
      const keys = await allPages(paginateListAccessKeys({ client: iam }, { UserName }), (p) => p.AccessKeyMetadata);
      return Promise.all(
        keys.map(async (key): Promise<AccessKeyFacts> => ({
          accessKeyId: key.AccessKeyId ?? '',
          status: key.Status ?? 'unknown',
          createDate: key.CreateDate?.toISOString() ?? null,
          lastUsedDate: (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }))).AccessKeyLastUsed?.LastUsedDate?.toISOString() ?? null,
        })),
      );
    }),
    attempt(`${UserName}: ListMFADevices`, () => allPages(paginateListMFADevices({ client: iam }, { UserName }), (p) => p.MFADevices?.map((d) => d.SerialNumber ?? ''))),
  ]);
  return { ...identity, hasConsolePassword, accessKeys, mfaDevices };
}

/** From the shared instances reading (one DescribeInstances per region for every collector). */
async function readInstances(ctx: CollectContext): Promise<Collected<InstanceProfileUse[]>> {
  const perRegion = await Promise.all(
    ctx.config.regions.map(async (region) => {
      const found = await ctx.inventory('instances', region);
      if (found.kind !== 'collected') return found;
      return collected(
        found.value.map((i) => ({
          instanceId: i.InstanceId ?? '',
          arn: `arn:aws:ec2:${region}:${ctx.account.accountId}:instance/${i.InstanceId}`,
          region,
          state: i.State?.Name ?? 'unknown',
          instanceProfileArn: i.IamInstanceProfile?.Arn ?? null,
        })),
      );
    }),
  );
  const failed = perRegion.find((r) => r.kind === 'not-collected');
  if (failed) return failed;
  return collected(perRegion.flatMap((r) => (r.kind === 'collected' ? r.value : [])));
}

async function readAnalyzers(ctx: CollectContext, region: string): Promise<IamInventory['accessAnalyzers'][number]> {
  const client = ctx.clients.client(AccessAnalyzerClient, ctx.account, region);
  const what = `IAM Access Analyzer ListAnalyzers (${region})`;
  const analyzers = await attempt(what, () =>
    allPages(paginateListAnalyzers({ client }, {}), (p) => p.analyzers?.map((a) => ({ name: a.name ?? '', arn: a.arn ?? '', type: a.type ?? '', status: a.status ?? '' }))),
  );
  // An endpoint without the service answers 404 with an HTML page, which the SDK reports as a parse error.
  const missingService = analyzers.kind === 'not-collected' && /<!doctype|<html/i.test(analyzers.reason);
  return { region, analyzers: missingService ? notCollected(`${what}: the endpoint has no IAM Access Analyzer service (HTTP 404 page)`) : analyzers };
}

/** Policy documents come URL-encoded from IAM. */
export function parsePolicyDocument(text: string | undefined): IamPolicyDocument | null {
  if (!text) return null;
  const json = text.trimStart().startsWith('{') ? text : decodeURIComponent(text);
  const parsed = JSON.parse(json) as { Statement?: unknown };
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  return { ...(parsed as object), Statement: statements } as IamPolicyDocument;
}

const toAttached = (list: { PolicyName?: string; PolicyArn?: string }[] | undefined): AttachedPolicy[] => (list ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' }));
const toInline = (list: PolicyDetail[] | undefined): InlinePolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: parsePolicyDocument(p.PolicyDocument) ?? { Statement: [] } }));

function toGroup(group: NonNullable<AuthorizationDetails['GroupDetailList']>[number]): IamGroup {
  return { name: group.GroupName ?? '', arn: group.Arn ?? '', attachedPolicies: toAttached(group.AttachedManagedPolicies), inlinePolicies: toInline(group.GroupPolicyList) };
}

function toRole(role: NonNullable<AuthorizationDetails['RoleDetailList']>[number]): IamRole {
  return {
    name: role.RoleName ?? '',
    arn: role.Arn ?? '',
    path: role.Path ?? '/',
    trustPolicy: parsePolicyDocument(role.AssumeRolePolicyDocument),
    attachedPolicies: toAttached(role.AttachedManagedPolicies),
    inlinePolicies: toInline(role.RolePolicyList),
    instanceProfiles: (role.InstanceProfileList ?? []).map((p) => p.Arn ?? ''),
  };
}

function toManagedPolicy(policy: NonNullable<AuthorizationDetails['Policies']>[number]): ManagedPolicy {
  const version = (policy.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion);
  return { name: policy.PolicyName ?? '', arn: policy.Arn ?? '', attachmentCount: policy.AttachmentCount ?? 0, document: parsePolicyDocument(version?.Document) };
}

function toSummary(map: Record<string, number>): AccountSummary {
  const value = (key: string) => (typeof map[key] === 'number' ? map[key] : null);
  return { accountAccessKeysPresent: value('AccountAccessKeysPresent'), accountMfaEnabled: value('AccountMFAEnabled'), groupsPerUserQuota: value('GroupsPerUserQuota') };
}

function toPasswordPolicy(p: import('@aws-sdk/client-iam').PasswordPolicy | undefined): PasswordPolicy | null {
  if (!p) return null;
  return {
    minimumPasswordLength: p.MinimumPasswordLength ?? null,
    passwordReusePrevention: p.PasswordReusePrevention ?? null,
    requireSymbols: p.RequireSymbols === true,
    requireNumbers: p.RequireNumbers === true,
    requireUppercaseCharacters: p.RequireUppercaseCharacters === true,
    requireLowercaseCharacters: p.RequireLowercaseCharacters === true,
    maxPasswordAge: p.MaxPasswordAge ?? null,
  };
}
