import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyVersionCommand,
  DetachRolePolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { type Drift, breaks, handle, named } from '../estate';
import { EXPIRED_CERTIFICATE, EXPIRED_CERTIFICATE_KEY } from '../fixtures/expired-certificate';
import { AWS_POLICY, createPerson, createPolicy, doc, iam, launchInstance } from '../iam-identities';
import { DEVELOPER_STATEMENTS, INFRASTRUCTURE_ALLOW } from '../reference/iam';

const strongPolicy = { RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true };

/**
 * One drift per IAM control the emulator can show. Not here, and proven by table tests instead: root
 * keys/MFA/use (the emulator has no root user), unused credentials and key age (the emulator dates
 * every key and password "now" and offers no way to age them), Access Analyzer (no such service).
 */
export const iamDrifts: Drift[] = [
  {
    name: 'iam-password-minimum-length-8',
    domain: 'iam',
    description: 'The password policy is relaxed to 8 characters (reuse prevention kept).',
    breaks: [breaks('iam.password-minimum-length', named('minimum password length is 8'))],
    touches: ['iam.passwordPolicy'], // one account-wide policy, rewritten whole
    async apply(ctx) {
      await iam(ctx).send(new UpdateAccountPasswordPolicyCommand({ ...strongPolicy, MinimumPasswordLength: 8, PasswordReusePrevention: 24 }));
    },
  },
  {
    name: 'iam-password-reuse-allowed',
    domain: 'iam',
    description: 'The password policy is rewritten without reuse prevention (length kept).',
    breaks: [breaks('iam.password-reuse-prevention', named('does not prevent reuse'))],
    touches: ['iam.passwordPolicy'], // one account-wide policy, rewritten whole
    async apply(ctx) {
      await iam(ctx).send(new UpdateAccountPasswordPolicyCommand({ ...strongPolicy, MinimumPasswordLength: 14 }));
    },
  },
  {
    name: 'iam-console-user-without-mfa',
    domain: 'iam',
    description: 'A new developer gets a console password and no MFA device.',
    breaks: [breaks('iam.console-users-mfa', named(':user/grace'))],
    async apply(ctx) {
      await createPerson(ctx, 'grace', ['developers'], { console: true, mfa: false });
    },
  },
  {
    name: 'iam-second-active-access-key',
    domain: 'iam',
    description: 'The pipeline user gets a second access key and both stay active.',
    breaks: [breaks('iam.one-active-access-key', named(':user/ci-builder'))],
    async apply(ctx) {
      await iam(ctx).send(new CreateAccessKeyCommand({ UserName: 'ci-builder' }));
    },
  },
  {
    name: 'iam-policy-attached-to-user',
    domain: 'iam',
    description: 'ReadOnlyAccess is attached to an administrator directly instead of through a group.',
    breaks: [breaks('iam.permissions-through-groups', named(':user/alice'))],
    async apply(ctx) {
      await iam(ctx).send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: AWS_POLICY('ReadOnlyAccess') }));
    },
  },
  {
    name: 'iam-customer-policy-star-star',
    domain: 'iam',
    description: 'A customer policy allowing "*" on "*" is attached to the administrators group.',
    breaks: [breaks('iam.no-full-admin-policies', named('break-glass-everything'))],
    async apply(ctx) {
      const everything = await createPolicy(ctx, 'break-glass-everything', doc({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }));
      await iam(ctx).send(new AttachGroupPolicyCommand({ GroupName: 'administrators', PolicyArn: everything }));
    },
  },
  {
    name: 'iam-customer-policy-star-star-with-mfa',
    domain: 'iam',
    description: 'A customer policy allowing "*" on "*" only with MFA is attached to the administrators group: a condition does not lessen what it grants (CIS 1.15 as written).',
    breaks: [breaks('iam.no-full-admin-policies', named('everything-with-mfa'))],
    async apply(ctx) {
      const everything = await createPolicy(ctx, 'everything-with-mfa', doc({ Sid: 'EverythingWithMfa', Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
      await iam(ctx).send(new AttachGroupPolicyCommand({ GroupName: 'administrators', PolicyArn: everything }));
    },
  },
  {
    name: 'iam-expired-server-certificate',
    domain: 'iam',
    description: 'A server certificate for legacy.example.com that expired on 2021-01-01 is still stored in IAM.',
    breaks: [breaks('iam.expired-server-certificates', named('legacy-example-2020'))],
    async apply(ctx) {
      await iam(ctx).send(new UploadServerCertificateCommand({ ServerCertificateName: 'legacy-example-2020', CertificateBody: EXPIRED_CERTIFICATE, PrivateKey: EXPIRED_CERTIFICATE_KEY }));
    },
  },
  {
    name: 'iam-support-role-removed',
    domain: 'iam',
    description: 'AWSSupportAccess is detached from the support role.',
    breaks: [breaks('iam.support-role', named('AWSSupportAccess'))],
    async apply(ctx) {
      await iam(ctx).send(new DetachRolePolicyCommand({ RoleName: 'aws-support', PolicyArn: AWS_POLICY('AWSSupportAccess') }));
    },
  },
  {
    name: 'iam-instance-without-role',
    domain: 'iam',
    description: 'A second instance is launched with no instance profile (its programs would need stored keys).',
    breaks: [breaks('iam.instance-roles', named(':instance/'))],
    uses: ['iam.appSubnet', 'iam.appSecurityGroup'],
    async apply(ctx) {
      await launchInstance(ctx, 'iam-keys-on-disk', { subnetId: handle(ctx, 'iam.appSubnet'), securityGroupId: handle(ctx, 'iam.appSecurityGroup') });
    },
  },
  {
    name: 'iam-ec2-role-dynamodb-full-access',
    domain: 'iam',
    // DynamoDB rather than S3: AmazonS3FullAccess would also allow s3:DeleteBucket and fail that permission scenario.
    description: 'AmazonDynamoDBFullAccess is attached to the app server instance role.',
    breaks: [breaks('iam.service-role-least-privilege', named(':role/app-server'))],
    async apply(ctx) {
      await iam(ctx).send(new AttachRolePolicyCommand({ RoleName: 'app-server', PolicyArn: AWS_POLICY('AmazonDynamoDBFullAccess') }));
    },
  },
  {
    name: 'iam-developers-may-terminate',
    domain: 'iam',
    description: "The developers' policy gets a new default version that also allows ec2:TerminateInstances.",
    breaks: [breaks('iam.effective-permission', named('dana'), 'dana: ec2:TerminateInstances')],
    touches: ['iam.developerPolicy'],
    async apply(ctx) {
      const widened = [{ ...DEVELOPER_STATEMENTS[0], Action: [...DEVELOPER_STATEMENTS[0].Action, 'ec2:TerminateInstances'] }];
      await iam(ctx).send(new CreatePolicyVersionCommand({ PolicyArn: handle(ctx, 'iam.developerPolicy'), PolicyDocument: doc(...widened), SetAsDefault: true }));
    },
  },
  {
    name: 'iam-audit-trail-deny-removed',
    domain: 'iam',
    description: "The infrastructure policy loses its explicit Deny on cloudtrail:StopLogging (its cloudtrail:* Allow remains).",
    breaks: [breaks('iam.effective-permission', named('frank'), 'frank: cloudtrail:StopLogging')],
    touches: ['iam.infrastructurePolicy'],
    async apply(ctx) {
      await iam(ctx).send(new CreatePolicyVersionCommand({ PolicyArn: handle(ctx, 'iam.infrastructurePolicy'), PolicyDocument: doc(INFRASTRUCTURE_ALLOW), SetAsDefault: true }));
    },
  },
];
