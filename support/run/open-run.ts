import { randomInt, randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { configPath, loadPostureConfig } from '../config/load';
import type { PostureConfig } from '../config/schema';
import { provisionEstate } from '../estates/provision';
import { openExamSandbox } from '../estates/exam/sandbox';
import { InventoryCache } from '../inventory/cache';
import { DEFAULT_MEMBER_ROLE, EMULATOR_BASE_CREDENTIALS, EMULATOR_DEFAULT_ACCOUNT, type AccountAccess } from '../target/accounts';
import { ClientFactory } from '../target/clients';
import { startEmulator, type RunningEmulator } from '../target/emulator';
import { assumeEmulatedAccount } from '../target/emulated-accounts';
import { isLoopbackEndpoint, targetFromEnvironment, TargetError, type TargetSpec } from '../target/target';
import { findRun, forgetRun, registerRun, type RunContext } from './run-context';

/** What a cucumber profile or a caller may set (cucumber world parameters are JSON). */
export interface RunParameters {
  runId?: string;
  target?: string;
  /** Audit this account: on an emulator, reached by assuming OrganizationAccountAccessRole. */
  account?: string;
  /** Emulator only: the estate to provision (reference, demo or a drift name); "none" provisions nothing. */
  estate?: string;
  configFile?: string;
}

export interface OpenRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Log progress lines (account, region, estate) to stderr. */
  progress?: (line: string) => void;
}

/** Open the run a cucumber invocation belongs to, or return the one a caller already opened. */
export async function openRun(parameters: RunParameters, options: OpenRunOptions = {}): Promise<{ run: RunContext; owned: boolean }> {
  const existing = parameters.runId ? findRun(parameters.runId) : undefined;
  if (existing) return { run: existing, owned: false };
  const env = options.env ?? process.env;
  const configFile = parameters.configFile ?? configPath(env);
  const config = loadPostureConfig(configFile);
  let target = targetFromEnvironment(env, parameters.target);
  let emulator: RunningEmulator | undefined;
  if (target.kind === 'emulator') {
    emulator = await startEmulator();
    target = { kind: 'emulator', endpoint: emulator.endpoint };
  } else if (target.kind === 'localstack') {
    throw new TargetError('POSTURE_TARGET=localstack is not available yet; use endpoint with AWS_ENDPOINT_URL pointing at a running LocalStack');
  }
  try {
    const run = await assembleRun({ id: parameters.runId ?? randomUUID(), target, config, configFile, requestedAccount: parameters.account, emulator });
    if (emulator) {
      const estate = parameters.estate ?? env.POSTURE_ESTATE ?? 'demo';
      if (estate !== 'none') {
        options.progress?.(`provisioning the ${estate} estate into emulated account ${run.account.accountId}`);
        await provisionEstate(estate, { endpoint: emulator.endpoint, account: run.account, config, regions: run.regions });
        run.estate = estate;
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
}

/** Build the run for a target whose endpoint (if any) is already answering. */
export async function assembleRun(args: AssembleArgs): Promise<RunContext> {
  const { target, config } = args;
  const homeRegion = config.regions[0];
  const reads = new ClientFactory(target.endpoint, 'read-only');
  const account = await resolveAccount(target, reads, homeRegion, args.requestedAccount);
  const loopback = isLoopbackEndpoint(target.endpoint);
  let sandbox: Promise<import('../estates/exam/sandbox').ExamSandbox> | undefined;
  return {
    id: args.id,
    target,
    config,
    configFile: args.configFile,
    account,
    regions: config.regions,
    homeRegion,
    reads,
    inventory: new InventoryCache(),
    emulator: args.emulator,
    startedAt: new Date(),
    sandbox: loopback ? () => (sandbox ??= openExamSandbox(target.endpoint as string, scratchAccountId(), homeRegion)) : undefined,
    sandboxUnavailable: loopback ? undefined : `@exam scenarios build their own resources and run only on a loopback emulator; this run audits ${target.kind === 'live' ? 'a live account' : target.endpoint}`,
  };
}

async function resolveAccount(target: TargetSpec, reads: ClientFactory, region: string, requested?: string): Promise<AccountAccess> {
  if (target.kind === 'live') {
    const base: AccountAccess = { accountId: 'unknown', credentials: fromNodeProviderChain(), credentialKey: 'live' };
    const identity = await reads.client(STSClient, base, region).send(new GetCallerIdentityCommand({}));
    const callerAccount = identity.Account ?? 'unknown';
    if (!requested || requested === callerAccount) return { ...base, accountId: callerAccount };
    return {
      accountId: requested,
      credentialKey: `live:${requested}`,
      credentials: fromTemporaryCredentials({
        params: { RoleArn: `arn:aws:iam::${requested}:role/${DEFAULT_MEMBER_ROLE}`, RoleSessionName: 'aws-posture-audit' },
        clientConfig: { region },
      }),
    };
  }
  // Emulator or given endpoint: any static key pair is the emulator's default account.
  const base: AccountAccess = { accountId: EMULATOR_DEFAULT_ACCOUNT, credentials: EMULATOR_BASE_CREDENTIALS, credentialKey: 'emulator' };
  const identity = await reads.client(STSClient, base, region).send(new GetCallerIdentityCommand({}));
  base.accountId = identity.Account ?? EMULATOR_DEFAULT_ACCOUNT;
  if (!requested || requested === base.accountId) return base;
  return assumeEmulatedAccount(reads, base, requested, region);
}

/** A fresh emulated account for @exam resources, so they never show up in the audited estate. */
function scratchAccountId(): string {
  return `9${String(randomInt(0, 10 ** 11)).padStart(11, '0')}`;
}
