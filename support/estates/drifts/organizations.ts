import { AttachPolicyCommand, DeletePolicyCommand, DetachPolicyCommand, DisablePolicyTypeCommand, paginateListPolicies } from '@aws-sdk/client-organizations';
import type { PolicyJson } from '../../evaluators/permissions/evaluate';
import { allPages } from '../../inventory/collector';
import { type Drift, type EstateContext, atHandle, breaks, handle, named } from '../estate';
import { organizations } from '../organization';
import { createScp } from '../reference/organizations';

/** A limits row: the finding names the member account the row was evaluated for. */
const limit = (row: string, ou: string) => breaks('organizations.scp-limit', atHandle(`organizations.account.${ou}`), row);
/** A row evaluated for every member account: its findings name each of them (organizations ARNs account/o-…/<id>). */
const everyMember = (row: string) => breaks('organizations.scp-limit', named(':account/o-'), row);
const SANDBOX_OUTSIDE_REGIONS = limit('administrator in Sandbox calling ec2:RunInstances in a region outside', 'Sandbox');
const WORKLOADS_GLOBAL_SERVICE = limit('administrator in Workloads calling iam:CreateRole', 'Workloads');
const PROTECTED_ACTIONS = everyMember('administrator in every member account calling each protected action');
const SECURITY_LEAVE = limit('instance role in Security calling organizations:LeaveOrganization', 'Security');
const MEMBER_ROOT = everyMember('root user in every member account calling s3:CreateBucket');
/** The logging domain's check that members cannot stop the organization trail reads the same SCPs. */
const LOGGING_TRAIL_PROTECTED = breaks('logging.org-trail-member-protection', atHandle('logging.trailArn'));

async function fullAWSAccessId(ctx: EstateContext): Promise<string> {
  const policies = await allPages(paginateListPolicies({ client: organizations(ctx) }, { Filter: 'SERVICE_CONTROL_POLICY' }), (page) => page.Policies);
  const id = policies.find((p) => p.Name === 'FullAWSAccess' && p.AwsManaged)?.Id;
  if (!id) throw new Error('the organization has no AWS-managed FullAWSAccess SCP');
  return id;
}

const detach = (ctx: EstateContext, PolicyId: string, TargetId: string) => organizations(ctx).send(new DetachPolicyCommand({ PolicyId, TargetId }));
const doc = (...Statement: object[]): PolicyJson => ({ Version: '2012-10-17', Statement });

export const organizationsDrifts: Drift[] = [
  {
    name: 'organizations-region-scp-detached',
    domain: 'organizations',
    description: 'The region-restriction SCP is detached from the root: member accounts can work in any region.',
    breaks: [SANDBOX_OUTSIDE_REGIONS],
    touches: ['organizations.policy.deny-outside-allowed-regions', 'organizations.rootId'],
    async apply(ctx) {
      await detach(ctx, handle(ctx, 'organizations.policy.deny-outside-allowed-regions'), handle(ctx, 'organizations.rootId'));
    },
  },
  {
    name: 'organizations-fullawsaccess-detached-lockout',
    domain: 'organizations',
    // AWS refuses to detach the last SCP of a root, OU or account, so a real lock-out is a level whose SCPs
    // only deny: a deny-only SCP is attached first, then FullAWSAccess is detached (allowed: one SCP remains).
    description: 'The Workloads OU keeps only a deny-only SCP (FullAWSAccess swapped for it): nothing is allowed at that level, every account below is locked out.',
    // Denied rows stay denied (now implicitly); the Workloads row that expects work to be possible fails too.
    breaks: [breaks('organizations.no-scp-lockout', atHandle('organizations.account.Workloads')), WORKLOADS_GLOBAL_SERVICE],
    touches: ['organizations.ou.Workloads'],
    async apply(ctx) {
      const client = organizations(ctx);
      const workloads = handle(ctx, 'organizations.ou.Workloads');
      const denyOnly = await createScp(client, {
        name: 'workloads-deny-only',
        description: 'Guardrail meant to sit beside FullAWSAccess, left alone on the Workloads OU',
        document: doc({ Sid: 'NoLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
      });
      await client.send(new AttachPolicyCommand({ PolicyId: denyOnly, TargetId: workloads }));
      await detach(ctx, await fullAWSAccessId(ctx), workloads);
    },
  },
  {
    name: 'organizations-protect-cloudtrail-missing',
    domain: 'organizations',
    description: 'The protect-CloudTrail SCP is detached and deleted: member accounts can stop and delete trails.',
    breaks: [PROTECTED_ACTIONS, LOGGING_TRAIL_PROTECTED],
    touches: ['organizations.policy.protect-cloudtrail', 'organizations.rootId'],
    async apply(ctx) {
      const id = handle(ctx, 'organizations.policy.protect-cloudtrail');
      await detach(ctx, id, handle(ctx, 'organizations.rootId'));
      await organizations(ctx).send(new DeletePolicyCommand({ PolicyId: id }));
    },
  },
  {
    name: 'organizations-scp-allow-missing-at-a-level',
    domain: 'organizations',
    description: 'The Sandbox OU swaps FullAWSAccess for an allow-list, and the sandbox account gets an SCP allowing bedrock:* that the OU lacks.',
    breaks: [breaks('organizations.scp-allows-take-effect', named('allow-bedrock'))],
    touches: ['organizations.ou.Sandbox', 'organizations.account.Sandbox'],
    async apply(ctx) {
      const client = organizations(ctx);
      const sandboxOu = handle(ctx, 'organizations.ou.Sandbox');
      const allowList = await createScp(client, {
        name: 'sandbox-allowed-services',
        description: 'Allow-list for the Sandbox OU',
        document: doc({ Sid: 'SandboxServices', Effect: 'Allow', Action: ['ec2:*', 's3:*', 'iam:*', 'sts:*', 'organizations:*', 'cloudtrail:*', 'config:*'], Resource: '*' }),
      });
      await client.send(new AttachPolicyCommand({ PolicyId: allowList, TargetId: sandboxOu }));
      await detach(ctx, await fullAWSAccessId(ctx), sandboxOu);
      const bedrock = await createScp(client, { name: 'allow-bedrock', description: 'Let the sandbox try Bedrock', document: doc({ Sid: 'Bedrock', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }) });
      await client.send(new AttachPolicyCommand({ PolicyId: bedrock, TargetId: handle(ctx, 'organizations.account.Sandbox') }));
    },
  },
  {
    name: 'organizations-scp-policy-type-disabled',
    domain: 'organizations',
    description: 'The SERVICE_CONTROL_POLICY type is disabled on the root: no SCP limits anything any more.',
    breaks: [breaks('organizations.scp-enabled', atHandle('organizations.rootId')), SANDBOX_OUTSIDE_REGIONS, PROTECTED_ACTIONS, SECURITY_LEAVE, MEMBER_ROOT, LOGGING_TRAIL_PROTECTED],
    async apply(ctx) {
      await organizations(ctx).send(new DisablePolicyTypeCommand({ RootId: handle(ctx, 'organizations.rootId'), PolicyType: 'SERVICE_CONTROL_POLICY' }));
    },
  },
];
