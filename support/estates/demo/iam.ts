import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import type { EstatePart } from '../estate';
import { AWS_POLICY, createInstanceProfile, createRole, FAKE_PASSWORD, iam } from '../iam-identities';

/**
 * As a getting-started tutorial leaves IAM: one "admin" user with AdministratorAccess attached directly,
 * a console password without MFA and two active access keys (the first one meant to be old: the emulator
 * dates every key "now", so its age cannot be shown here); no password policy; an EC2 role with
 * AmazonS3FullAccess; a Glue role with AmazonS3FullAccess and AWSGlueConsoleFullAccess.
 */
export const iamDemo: EstatePart = {
  domain: 'iam',
  async provision(ctx) {
    const client = iam(ctx);
    await client.send(new CreateUserCommand({ UserName: 'admin' }));
    await client.send(new AttachUserPolicyCommand({ UserName: 'admin', PolicyArn: AWS_POLICY('AdministratorAccess') }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'admin', Password: FAKE_PASSWORD }));
    await client.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
    await client.send(new CreateAccessKeyCommand({ UserName: 'admin' }));

    await createRole(ctx, 'ec2-s3-access', { Service: 'ec2.amazonaws.com' }, [AWS_POLICY('AmazonS3FullAccess')]);
    await createInstanceProfile(ctx, 'ec2-s3-access');
    await createRole(ctx, 'glue-etl', { Service: 'glue.amazonaws.com' }, [AWS_POLICY('AmazonS3FullAccess'), AWS_POLICY('AWSGlueConsoleFullAccess')]);
  },
};
