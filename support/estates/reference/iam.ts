import { UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { handle, type EstatePart } from '../estate';
import { bucketName } from '../s3-buckets';
import { AWS_POLICY, createGroup, createInstanceProfile, createPerson, createPolicy, createRole, doc, giveInstancesAProfile, iam, launchInstance, privateAppNetwork } from '../iam-identities';

/** What the developers' group may do: see instances, start and stop them, nothing more (exam example). */
export const DEVELOPER_STATEMENTS = [{ Sid: 'OperateInstances', Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:StartInstances', 'ec2:StopInstances'], Resource: '*' }];

/** The infrastructure group runs the infrastructure, and an explicit Deny keeps even it from stopping the audit trail. */
export const INFRASTRUCTURE_ALLOW = { Sid: 'RunTheInfrastructure', Effect: 'Allow', Action: ['ec2:*', 'elasticloadbalancing:*', 'cloudwatch:*', 'logs:*', 'cloudtrail:*', 's3:*'], Resource: '*' };
export const AUDIT_TRAIL_DENY = { Sid: 'NobodyStopsTheAuditTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' };

/**
 * The reference IAM estate: administrators / developers / infrastructure groups hold the policies; one
 * user per person, each in a group, console users with MFA; a strong password policy; an instance
 * with a role; a support role; a Lambda role with only the AWS basic execution policy.
 * Not buildable on the emulator (and so left to table tests): root MFA and root use (moto has no root
 * user), IAM Access Analyzer (moto has no such service).
 */
export const iamReference: EstatePart = {
  domain: 'iam',
  async provision(ctx) {
    await iam(ctx).send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
      }),
    );

    const developer = await createPolicy(ctx, 'developer-operate-instances', doc(...DEVELOPER_STATEMENTS));
    const infrastructure = await createPolicy(ctx, 'infrastructure-operations', doc(INFRASTRUCTURE_ALLOW, AUDIT_TRAIL_DENY));
    await createGroup(ctx, 'administrators', [AWS_POLICY('AdministratorAccess')]);
    await createGroup(ctx, 'developers', [developer]);
    await createGroup(ctx, 'infrastructure', [infrastructure]);

    await createPerson(ctx, 'alice', ['administrators'], { console: true, mfa: true });
    await createPerson(ctx, 'dana', ['developers'], { console: true, mfa: true });
    await createPerson(ctx, 'frank', ['infrastructure'], { console: true, mfa: true });
    await createPerson(ctx, 'ci-builder', ['developers'], { accessKey: true }); // a pipeline: one key, no password

    await createRole(ctx, 'aws-support', { AWS: `arn:aws:iam::${ctx.account.accountId}:root` }, [AWS_POLICY('AWSSupportAccess')]);
    await createRole(ctx, 'report-function', { Service: 'lambda.amazonaws.com' }, [AWS_POLICY('service-role/AWSLambdaBasicExecutionRole')]);

    const readData = await createPolicy(ctx, 'app-server-read-data', doc({ Sid: 'ReadData', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucketName(ctx, 'data')}`, `arn:aws:s3:::${bucketName(ctx, 'data')}/*`] }));
    await createRole(ctx, 'app-server', { Service: 'ec2.amazonaws.com' }, [readData]);
    const profile = await createInstanceProfile(ctx, 'app-server');
    const network = await privateAppNetwork(ctx);
    const instance = await launchInstance(ctx, 'iam-app-server', network, profile);

    // Every other instance gets a baseline role at the end of the estate (see iamInstanceRolesReference).
    await createRole(ctx, 'managed-instance', { Service: 'ec2.amazonaws.com' }, [AWS_POLICY('AmazonSSMManagedInstanceCore')]);
    ctx.handles.set('iam.baselineInstanceProfile', await createInstanceProfile(ctx, 'managed-instance'));

    ctx.handles.set('iam.developerPolicy', developer);
    ctx.handles.set('iam.infrastructurePolicy', infrastructure);
    ctx.handles.set('iam.appSubnet', network.subnetId);
    ctx.handles.set('iam.appSecurityGroup', network.securityGroupId);
    ctx.handles.set('iam.appInstance', instance);
  },
};

/**
 * The last part of the reference estate: every instance the other domains launched without a role gets
 * the baseline "managed-instance" profile (AmazonSSMManagedInstanceCore only), as Systems Manager
 * Quick Setup / Default Host Management does in a landing zone. It runs last because the network and
 * proxy parts launch their instances after the IAM part.
 */
export const iamInstanceRolesReference: EstatePart = {
  domain: 'iam',
  async provision(ctx) {
    const profile = handle(ctx, 'iam.baselineInstanceProfile');
    for (const region of ctx.regions) await giveInstancesAProfile(ctx, region, profile);
  },
};
