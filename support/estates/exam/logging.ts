import { CloudTrailClient, CreateTrailCommand, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeOrganizationCommand, OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { allPages } from '../../inventory/collector';
import { logFileEncryption } from '../../rules/logging/facts';
import { memberMayChangeTrail, memberSees } from '../../rules/logging/organization-members';
import { assumeEmulatedAccount } from '../../target/emulated-accounts';
import { ensureOrganization } from '../organization';
import { createMemberAccount } from '../reference/organizations';
import type { ExamSandbox } from './sandbox';

/** A trail built in the sandbox and what was read back about it. */
export interface LoggingExamScene {
  trailName: string;
  trailArn: string;
  bucket: string;
  managementAccount: string;
  /** Members created for this scenario. */
  members: string[];
}

declare module './sandbox' {
  interface ExamState {
    logging?: LoggingExamScene;
  }
}

const cloudtrail = (sandbox: ExamSandbox) => sandbox.clients.client(CloudTrailClient, sandbox.account, sandbox.region);
const orgClient = (sandbox: ExamSandbox) => sandbox.clients.client(OrganizationsClient, sandbox.account, 'us-east-1');

/** A trail with a bucket (and a KMS key when asked), in the sandbox account. */
export async function examTrail(sandbox: ExamSandbox, options: { withKey?: boolean; organization?: boolean } = {}): Promise<LoggingExamScene> {
  const trailName = sandbox.unique('exam-trail');
  const bucket = sandbox.unique('exam-trail-logs');
  await sandbox.clients.client(S3Client, sandbox.account, sandbox.region).send(new CreateBucketCommand({ Bucket: bucket }));
  const key = options.withKey ? (await sandbox.clients.client(KMSClient, sandbox.account, sandbox.region).send(new CreateKeyCommand({ Description: `exam: ${trailName}` }))).KeyMetadata?.Arn : undefined;
  const created = await cloudtrail(sandbox).send(
    new CreateTrailCommand({ Name: trailName, S3BucketName: bucket, KmsKeyId: key, IsOrganizationTrail: options.organization, IsMultiRegionTrail: options.organization, IncludeGlobalServiceEvents: true }),
  );
  return { trailName, trailArn: created.TrailARN ?? '', bucket, managementAccount: sandbox.account.accountId, members: [] };
}

/** The sandbox becomes a management account with `count` new members, then creates one organization trail. */
export async function organizationWithTrail(sandbox: ExamSandbox, count: number): Promise<LoggingExamScene> {
  await ensureOrganization(sandbox, 'ALL');
  const members: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = sandbox.unique('exam-logging-member');
    members.push(await createMemberAccount(orgClient(sandbox), name, `${name}@example.com`));
  }
  return { ...(await examTrail(sandbox, { organization: true })), members };
}

/** The trail as CloudTrail describes it now (configuration read back, not what we asked for). */
async function readBack(sandbox: ExamSandbox, scene: LoggingExamScene) {
  const listed = (await cloudtrail(sandbox).send(new DescribeTrailsCommand({ trailNameList: [scene.trailArn] }))).trailList ?? [];
  // The emulator ignores trailNameList: pick the trail by ARN.
  const trail = listed.find((t) => t.TrailARN === scene.trailArn);
  if (!trail) throw new Error(`${scene.trailArn} is not described`);
  return { name: trail.Name ?? scene.trailName, arn: trail.TrailARN ?? scene.trailArn, owner: (trail.TrailARN ?? scene.trailArn).split(':')[4], isOrganizationTrail: trail.IsOrganizationTrail === true, kmsKeyId: trail.KmsKeyId || null };
}

export async function decideLogEncryption(sandbox: ExamSandbox, scene: LoggingExamScene) {
  const trail = await readBack(sandbox, scene);
  return { trail, ...logFileEncryption(trail) };
}

/**
 * Each member of the organization, as the management account lists it, and what it sees: coverage by the
 * organization trail (decided by our evaluator over the trail and the membership), and the trails that
 * the member's own DescribeTrails lists as its own (read in the member account).
 */
export async function decideMemberCoverage(sandbox: ExamSandbox, scene: LoggingExamScene) {
  const trail = await readBack(sandbox, scene);
  const client = orgClient(sandbox);
  const managementAccount = (await client.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId ?? '';
  const accounts = await allPages(paginateListAccounts({ client }, {}), (page) => page.Accounts);
  const members = accounts.filter((a) => a.Id !== managementAccount && (a.State ?? a.Status) === 'ACTIVE');
  const decided = await Promise.all(
    members.map(async (a) => {
      const member = { id: a.Id ?? '', name: a.Name ?? '' };
      const access = await assumeEmulatedAccount(sandbox.clients, sandbox.account, member.id, sandbox.region);
      const listed = (await sandbox.clients.client(CloudTrailClient, access, sandbox.region).send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
      const ownTrails = listed.filter((t) => (t.TrailARN ?? '').split(':')[4] === member.id).map((t) => t.TrailARN ?? '');
      return { account: member.id, ...memberSees(trail, member, managementAccount), ownTrails, listedInMember: listed.map((t) => t.TrailARN) };
    }),
  );
  return {
    trail: trail.arn,
    members: decided,
    /** Why each member that is not covered is not. */
    uncovered: decided.filter((m) => !m.sees).map((m) => m.why),
    /** Trails the members own (an organization trail makes them unnecessary). */
    ownTrails: decided.flatMap((m) => m.ownTrails),
  };
}

/** What each change a member would try gets, decided by our evaluator over the trail read back. */
export async function decideMemberChanges(sandbox: ExamSandbox, scene: LoggingExamScene, actions: string[]) {
  const trail = await readBack(sandbox, scene);
  const member = scene.members[0];
  const decisions = actions.map((action) => ({ member, action, ...memberMayChangeTrail(trail, member) }));
  return { decisions, allowed: decisions.filter((d) => d.allowed).map((d) => d.action), explanation: decisions.map((d) => `${d.action}: ${d.explanation}`).join('\n') };
}
