import type { ScenarioVerdict } from '../outcome/outcome';
import { dirname, join } from 'node:path';
import { loadConfiguration, type IRunConfiguration } from '@cucumber/cucumber/api';
import { describeError } from '../inventory/collected';
import { mapBounded } from '../inventory/cache';
import { forgetRun, registerRun, withRun, type RunContext } from '../run/run-context';
import { runFeatures, type CucumberOutcome, type ScenarioOutcome } from '../run/run-cucumber';
import { configurationOptions } from '../run/cucumber-configuration';
import type { AccountAccess } from '../target/accounts';
import { enabledRegions } from '../target/regions';
import { assumeAccount, roleArn, type MemberRole } from './assume';
import { listMemberAccounts, type MemberAccount } from './members';
import { ProgressInventoryCache, seconds, type ProgressLine } from './progress';
import { managementTagExpression, memberTagExpression } from './scope';

/** A scenario's outcome in one account of the Organization. */
export interface AccountScenarioOutcome extends ScenarioOutcome {
  account: string;
  regions: string[];
}

export interface AccountAudit {
  accountId: string;
  name?: string;
  /** 'organization': the management account (organization-level and account-level scenarios); 'member': account-level only. */
  scope: 'organization' | 'member';
  regions: string[];
  /** Why the account could not be reached (its role could not be assumed); every scenario there is not verified. */
  unreachable?: string;
  outcome: CucumberOutcome;
  seconds: number;
}

export interface OrganizationAudit {
  organizationId?: string;
  managementAccount: string;
  accounts: AccountAudit[];
  /** Every account's scenarios in one outcome (exit code, summary); each scenario names its account. */
  outcome: Omit<CucumberOutcome, 'scenarios'> & { scenarios: AccountScenarioOutcome[] };
  /** The management run and one run per member (for the report environment). */
  runs: RunContext[];
}

export interface OrganizationAuditOptions {
  /** The user's cucumber tag expression. */
  tags?: string;
  role: MemberRole;
  concurrency: number;
  progress?: ProgressLine;
  /** 'profile': the profile's formatters, text outputs per member under reports/accounts/<id>/; 'none': results as messages only. */
  formats?: 'profile' | 'none' | ((accountId: string) => Partial<Formats>);
  profiles?: string[];
  paths?: string[];
  /** Where report files go instead of reports/ (the audit's staging folder). */
  reportsDir?: string;
  /** How a member's role is assumed. moto never refuses AssumeRole, so tests make one account refuse here. */
  assume?: typeof assumeAccount;
}

/**
 * Audit a whole Organization from its management (or delegated-admin) run: list the ACTIVE member
 * accounts, assume the member role in each, run the account-level scenarios once per member (every
 * audited region) with bounded concurrency, and the organization-level ones once, in the management
 * account. A member whose role cannot be assumed is reported not verified; the others continue.
 */
export async function auditOrganization(management: RunContext, options: OrganizationAuditOptions): Promise<OrganizationAudit> {
  const progress = options.progress ?? (() => undefined);
  const { organizationId, members } = await listMemberAccounts(management);
  progress(`organization ${organizationId ?? '(unknown)'}: management account ${management.account.accountId} and ${members.length} ACTIVE member account(s), ${options.concurrency} at a time, role ${options.role.name}`);
  const baseFormats = options.formats === 'profile' ? await profileFormats(options.profiles) : undefined;
  const custom = typeof options.formats === 'function' ? options.formats : undefined;
  const total = members.length + 1;
  management = withRun(management, { scope: 'organization', inventory: new ProgressInventoryCache(progress) });
  registerRun(management);

  const jobs: (MemberAccount | 'management')[] = ['management', ...members];
  const audits = await mapBounded(jobs, options.concurrency, async (job, index) => {
    const started = Date.now();
    const label = `[${index + 1}/${total}]`;
    if (job === 'management') {
      progress(`${label} account ${management.account.accountId} (management): organization-level and account-level scenarios in ${management.regions.join(', ')}`);
      const outcome = await safely(() =>
        runFeatures({
          worldParameters: { runId: management.id },
          tags: managementTagExpression(options.tags, Boolean(management.sandbox)),
          formats: custom ? custom(management.account.accountId) : baseFormats ? 'profile' : undefined,
          profiles: options.profiles,
          paths: options.paths,
          reportsDir: options.reportsDir,
        }),
      );
      return finished({ accountId: management.account.accountId, scope: 'organization', regions: management.regions, outcome, seconds: (Date.now() - started) / 1000 }, label, progress);
    }
    const member = await memberRun(management, job, options, progress);
    progress(`${label} account ${job.id}${job.name ? ` (${job.name})` : ''}: ${member.unreachable ? `NOT VERIFIED — ${member.unreachable}` : `account-level scenarios in ${member.regions.join(', ')}`}`);
    registerRun(member);
    try {
      const outcome = await safely(() =>
        runFeatures({
          worldParameters: { runId: member.id },
          tags: memberTagExpression(options.tags),
          formats: custom ? custom(job.id) : baseFormats ? formatsForAccount(baseFormats, job.id) : undefined,
          profiles: options.profiles,
          paths: options.paths,
          reportsDir: options.reportsDir,
        }),
      );
      return finished({ accountId: job.id, name: job.name, scope: 'member', regions: member.regions, unreachable: member.unreachable, outcome, seconds: (Date.now() - started) / 1000 }, label, progress, member);
    } finally {
      forgetRun(member.id); // the management run owns the clients and the emulator
    }
  });

  const scenarios = audits.flatMap((a) => a.audit.outcome.scenarios.map((s) => ({ ...s, account: a.audit.accountId, regions: a.audit.regions })));
  return {
    organizationId,
    managementAccount: management.account.accountId,
    accounts: audits.map((a) => a.audit),
    outcome: {
      success: audits.every((a) => a.audit.outcome.success),
      scenarios,
      hookErrors: audits.flatMap((a) => a.audit.outcome.hookErrors.map((e) => `account ${a.audit.accountId}: ${e}`)),
    },
    runs: [management, ...audits.flatMap((a) => (a.run ? [a.run] : []))],
  };
}

/** A member's run: the management run's target, config, clients and waivers; its own account, inventory and id. */
async function memberRun(management: RunContext, member: MemberAccount, options: OrganizationAuditOptions, progress: ProgressLine): Promise<RunContext> {
  let account: AccountAccess;
  let unreachable: string | undefined;
  try {
    account = await (options.assume ?? assumeAccount)({
      target: management.target,
      reads: management.reads,
      base: management.account,
      accountId: member.id,
      region: management.homeRegion,
      role: options.role,
    });
  } catch (error) {
    unreachable = `could not assume ${roleArn(member.id, options.role)}${options.role.externalId ? ' (with ExternalId)' : ''}: ${describeError('STS AssumeRole', error).replace(/^STS AssumeRole: /, '')}`;
    const refuse = unreachable;
    account = { accountId: member.id, credentialKey: `unreachable:${member.id}`, credentials: async () => Promise.reject(new Error(refuse)) };
  }
  // Regions not pinned: each member is audited in the regions enabled for it (its own DescribeRegions).
  const own = !unreachable && management.regionSource === 'enabled' ? await memberRegions(management, account) : undefined;
  return {
    ...management,
    ...(own ? { config: { ...management.config, regions: own }, regions: own } : {}),
    id: `${management.id}:${member.id}`,
    account,
    inventory: new ProgressInventoryCache(progress),
    estate: undefined,
    emulator: undefined,
    sandbox: undefined,
    sandboxUnavailable: '@exam scenarios run once, in the management account run',
    startedAt: new Date(),
    scope: 'member',
    unreachable,
  };
}

async function memberRegions(management: RunContext, account: AccountAccess): Promise<string[] | undefined> {
  // A member whose region list cannot be read is still audited, in the management account's regions.
  return enabledRegions(management.reads, account, management.homeRegion).catch(() => undefined);
}

function finished(audit: AccountAudit, label: string, progress: ProgressLine, run?: RunContext): { audit: AccountAudit; run?: RunContext } {
  const count = (verdict: ScenarioVerdict) => audit.outcome.scenarios.filter((s) => s.verdict === verdict).length;
  const waived = count('waived');
  progress(
    `${label} account ${audit.accountId}: ${audit.outcome.scenarios.length} scenario(s) — compliant ${count('compliant')}${waived ? `, waived ${waived}` : ''}, non-compliant ${count('non-compliant')}, not verified ${count('not-verified')}, not applicable ${count('not-applicable')}` +
      `${audit.outcome.hookErrors.length ? `, ${audit.outcome.hookErrors.length} error(s)` : ''} in ${seconds(audit.seconds * 1000)}`,
  );
  return { audit, run };
}

/** One account's run failing outright (a bug, a lost connection) must not stop the other accounts. */
async function safely(run: () => Promise<CucumberOutcome>): Promise<CucumberOutcome> {
  try {
    return await run();
  } catch (error) {
    return { success: false, scenarios: [], hookErrors: [(error as Error).message] };
  }
}

type Formats = IRunConfiguration['formats'];

async function profileFormats(profiles: string[] = ['default']): Promise<Formats> {
  const { runConfiguration } = await loadConfiguration(configurationOptions({ profiles }), {});
  return runConfiguration.formats;
}

const WRITES_ITS_OWN_FILES = /allure/i;

/**
 * A member's formatters: file outputs (junit, messages) go under reports/accounts/<id>/ so concurrent
 * accounts do not overwrite each other; Allure writes one result file per scenario into the shared
 * results directory (the Account parameter keeps them apart); a text formatter on stdout would
 * interleave across accounts, so it goes to a file too.
 */
export function formatsForAccount(base: Formats, accountId: string): Formats {
  const perAccount = (path: string) => join(dirname(path), 'accounts', accountId, path.split(/[\\/]/).pop() as string);
  const files: Record<string, string> = {};
  let allure: string | undefined = base.stdout && WRITES_ITS_OWN_FILES.test(base.stdout) ? base.stdout : undefined;
  for (const [path, formatter] of Object.entries(base.files ?? {})) {
    if (WRITES_ITS_OWN_FILES.test(formatter)) allure ??= formatter;
    else files[perAccount(path)] = formatter;
  }
  if (base.stdout && !WRITES_ITS_OWN_FILES.test(base.stdout)) files[join('reports', 'accounts', accountId, `${base.stdout.replace(/\W+/g, '-')}.txt`)] = base.stdout;
  // cucumber needs a stdout formatter: Allure writes nothing there; without Allure, rerun prints only failed scenario lines.
  return { ...base, stdout: allure ?? 'rerun', files };
}
