import { randomInt, randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { resolve as resolvePath } from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ConfigError, configPath, loadPostureConfig } from '../config/load';
import type { PostureConfig } from '../config/schema';
import { UnknownEstate } from '../estates/unknown-estate';
import { InventoryCache } from '../inventory/cache';
import { assumeAccount, DEFAULT_ROLE, type MemberRole } from '../fanout/assume';
import { LocalStackClientFactory, startLocalStack, type LocalStackLacks } from '../target/localstack';
import { loadWaivers, type WaiverSet } from '../waivers/waivers';
import { EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT, type AccountAccess } from '../target/accounts';
import { ClientFactory } from '../target/clients';
import { auditedRegions, defaultHomeRegion } from '../target/regions';
import { proxyReadExceptions } from '../proxy/run-command';
import { startEmulator, type RunningEmulator } from '../target/emulator';
import { isLoopbackEndpoint, targetFromEnvironment, type TargetSpec } from '../target/target';
import { findRun, forgetRun, registerRun, withRun, type RunContext } from './run-context';

/** What a cucumber profile or a caller may set (cucumber world parameters are JSON). */
export interface RunParameters {
  runId?: string;
  target?: string;
  /** Audit this account, reached by assuming the member role (audit.memberRole, default OrganizationAccountAccessRole). */
  account?: string;
  /** Role assumed to reach `account` (and each member in an Organization fan-out); default from audit.memberRole. */
  memberRole?: string;
  /** ExternalId the member role's trust policy requires; default from audit.externalId or POSTURE_EXTERNAL_ID. */
  externalId?: string;
  /** Waivers file (YAML); default from POSTURE_WAIVERS or audit.waiversFile. */
  waiversFile?: string;
  /** Emulator only: the estate to provision (reference, demo or a drift name); "none" provisions nothing. */
  estate?: string;
  configFile?: string;
}

export interface OpenRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Log progress lines (account, region, estate) to stderr. */
  progress?: (line: string) => void;
  /** POSTURE_TARGET=localstack: how the container is started and its health read (tests stub both; no Docker here). */
  localstack?: Pick<Parameters<typeof startLocalStack>[0], 'start' | 'health'>;
}

/** Open the run a cucumber invocation belongs to, or return the one a caller already opened. */
export async function openRun(parameters: RunParameters, options: OpenRunOptions = {}): Promise<{ run: RunContext; owned: boolean }> {
  const existing = parameters.runId ? findRun(parameters.runId) : undefined;
  if (existing) return { run: existing, owned: false };
  const env = options.env ?? process.env;
  const configFile = parameters.configFile ?? configPath(env);
  const config = loadPostureConfig(configFile);
  // A malformed or expired waiver stops the run before anything starts.
  const waivers = loadRunWaivers(parameters, env, config);
  let target = targetFromEnvironment(env, parameters.target);
  assertKnownEstate(parameters.estate ?? env.POSTURE_ESTATE);
  if (target.kind === 'emulator') assertEstateCanHoldSquidConf(config, configFile, parameters.estate ?? env.POSTURE_ESTATE ?? 'demo');
  let emulator: RunningEmulator | undefined;
  let lacking: LocalStackLacks | undefined;
  if (target.kind === 'emulator') {
    emulator = await startEmulator();
    target = { kind: 'emulator', endpoint: emulator.endpoint };
  } else if (target.kind === 'localstack') {
    const localstack = await startLocalStack({ env, progress: options.progress, ...options.localstack });
    emulator = localstack;
    lacking = localstack.lacking;
    target = { kind: 'localstack', endpoint: localstack.endpoint };
  }
  try {
    const role = memberRoleFor(parameters, env, config);
    let run = withRun(await assembleRun({ id: parameters.runId ?? randomUUID(), target, config, configFile, requestedAccount: parameters.account, emulator, role, lacking }), { waivers });
    // LocalStack starts empty: an estate is provisioned there only when POSTURE_ESTATE names one.
    if (emulator && (target.kind === 'emulator' || parameters.estate || env.POSTURE_ESTATE)) {
      const estate = parameters.estate ?? env.POSTURE_ESTATE ?? 'demo';
      if (estate !== 'none') {
        options.progress?.(`provisioning the ${estate} estate into emulated account ${run.account.accountId}`);
        await estates().provisionEstate(estate, { endpoint: emulator.endpoint, account: run.account, config: run.config, regions: run.regions });
        run = withRun(run, { estate });
      }
    }
    registerRun(run);
    return { run, owned: true };
  } catch (error) {
    await emulator?.stop();
    throw error;
  }
}

export async function closeRun(run: RunContext): Promise<void> {
  forgetRun(run.id);
  run.reads.destroy();
  await run.emulator?.stop();
}

interface AssembleArgs {
  id: string;
  target: TargetSpec;
  config: PostureConfig;
  configFile: string;
  requestedAccount?: string;
  emulator?: RunningEmulator;
  /** How `requestedAccount` is reached; default OrganizationAccountAccessRole. */
  role?: MemberRole;
  /** LocalStack only: services its edition lacks; their reads are refused with that reason (not verified). */
  lacking?: LocalStackLacks;
  /** Self-tests only: allow @exam scenarios on this loopback endpoint (a scratch emulator, not an audited one). */
  examSandbox?: boolean;
}

/** Build the run for a target whose endpoint (if any) is already answering. */
export async function assembleRun(args: AssembleArgs): Promise<RunContext> {
  const { target, config } = args;
  const homeRegion = config.regions[0] ?? defaultHomeRegion();
  const readExceptions = proxyReadExceptions(config.proxy.source);
  const reads = args.lacking ? new LocalStackClientFactory(target.endpoint, args.lacking, readExceptions) : new ClientFactory(target.endpoint, 'read-only', readExceptions);
  const account = await resolveAccount(target, reads, homeRegion, args.requestedAccount, args.role ?? DEFAULT_ROLE);
  // Pinned regions, or every region enabled for this account (DescribeRegions with opt-in status).
  const audited = await auditedRegions(config, reads, account, homeRegion);
  // @exam demonstrations build resources: only in an emulator this run started itself (npm run docs), or
  // one a self-test hands over on purpose; never in an audited target (endpoint, LocalStack, live).
  const loopback = isLoopbackEndpoint(target.endpoint) && (target.kind === 'emulator' || args.examSandbox === true);
  let sandbox: Promise<import('../estates/exam/sandbox').ExamSandbox> | undefined;
  return Object.freeze({
    id: args.id,
    target,
    config: audited.config,
    configFile: args.configFile,
    account,
    regions: audited.regions,
    regionSource: audited.source,
    homeRegion,
    reads,
    inventory: new InventoryCache(),
    emulator: args.emulator,
    startedAt: new Date(),
    sandbox: loopback ? () => (sandbox ??= examSandbox().openExamSandbox(target.endpoint as string, scratchAccountId(), homeRegion)) : undefined,
    sandboxUnavailable: loopback ? undefined : `@exam scenarios build their own resources and run only in npm run docs on its own emulator; this run audits ${target.kind === 'live' ? 'a live account' : target.endpoint}`,
  });
}

async function resolveAccount(target: TargetSpec, reads: ClientFactory, region: string, requested: string | undefined, role: MemberRole): Promise<AccountAccess> {
  if (target.kind === 'live') {
    const base: AccountAccess = { accountId: 'unknown', credentials: fromNodeProviderChain(), credentialKey: 'live' };
    const identity = await reads.client(STSClient, base, region).send(new GetCallerIdentityCommand({}));
    const callerAccount = identity.Account ?? 'unknown';
    if (!requested || requested === callerAccount) return { ...base, accountId: callerAccount };
    return assumeAccount({ target, reads, base: { ...base, accountId: callerAccount }, accountId: requested, region, role });
  }
  // Our own emulator: any static key pair is its default account. A given endpoint: the credential chain, as
  // for every other target (an emulator accepts any key; a loopback one is signed with the emulator's key when the chain has none).
  const base: AccountAccess =
    target.kind === 'emulator'
      ? { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' }
      : { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: chainOrEmulatorKey(isLoopbackEndpoint(target.endpoint)), credentialKey: target.kind };
  const identity = await reads.client(STSClient, base, region).send(new GetCallerIdentityCommand({}));
  base.accountId = identity.Account ?? EMULATOR_DEFAULT_ACCOUNT;
  if (!requested || requested === base.accountId) return base;
  return assumeAccount({ target, reads, base, accountId: requested, region, role });
}

/** The standard credential chain; when it finds nothing and the endpoint is loopback, the emulator's key. */
function chainOrEmulatorKey(loopback: boolean): AwsCredentialIdentityProvider {
  const chain = fromNodeProviderChain();
  let useEmulatorKey: boolean | undefined;
  return async (properties) => {
    if (useEmulatorKey) return EMULATOR_BASE_CREDENTIALS;
    try {
      const credentials = await chain(properties);
      useEmulatorKey = false;
      return credentials;
    } catch (error) {
      if (!loopback || useEmulatorKey === false) throw error;
      useEmulatorKey = true;
      return EMULATOR_BASE_CREDENTIALS;
    }
  };
}

/** The member role from the run parameters, the environment or the posture config (audit section). */
export function memberRoleFor(parameters: RunParameters, env: NodeJS.ProcessEnv, config: PostureConfig): MemberRole {
  return {
    name: parameters.memberRole ?? env.POSTURE_MEMBER_ROLE ?? config.audit.memberRole,
    externalId: parameters.externalId ?? env.POSTURE_EXTERNAL_ID ?? config.audit.externalId,
  };
}

/** The waivers file named by the run parameters, POSTURE_WAIVERS or audit.waiversFile; none when unset. */
export function loadRunWaivers(parameters: RunParameters, env: NodeJS.ProcessEnv, config: PostureConfig): WaiverSet | undefined {
  const file = parameters.waiversFile ?? env.POSTURE_WAIVERS ?? config.audit.waiversFile;
  return file ? loadWaivers(resolvePath(file)) : undefined;
}

/** A fresh emulated account for @exam resources, so they never show up in the audited estate. */
function scratchAccountId(): string {
  return `9${String(randomInt(0, 10 ** 11)).padStart(11, '0')}`;
}

/** The estates keep squid.conf in S3 where proxy.source says: any other source is refused before the emulator starts. */
function assertEstateCanHoldSquidConf(config: PostureConfig, configFile: string, estate: string): void {
  const kind = config.proxy.source.kind;
  if (estate === 'none' || kind === 's3') return;
  throw new ConfigError(
    `${configFile}: proxy.source.kind: "${kind}" cannot be used with the emulator's ${estate} estate, which keeps squid.conf in S3 (use kind: s3 with bucket and key, or POSTURE_ESTATE=none to audit ${kind === 'file' ? 'the file' : 'that source'} against an empty emulator)`,
  );
}

/** A mistyped estate name is bad input: say so before anything starts. */
function assertKnownEstate(name: string | undefined): void {
  if (name === undefined || name === 'none' || estates().estateNames().includes(name)) return;
  throw new UnknownEstate(`POSTURE_ESTATE: "${name}" is not an estate; choose reference, demo, none or a drift (${estates().estateNames().slice(2).join(', ')})`);
}

/** Estates (every SDK client and fixture) load only when a run provisions one: an audit of an account starts without them. */
const estates = (): typeof import('../estates/provision') => require('../estates/provision');
const examSandbox = (): typeof import('../estates/exam/sandbox') => require('../estates/exam/sandbox');
