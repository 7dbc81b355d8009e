import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetObjectAclCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { anonymousRead, type AnonymousReadDecision } from '../../evaluators/s3-anonymous-read';
import type { PolicyDocument, PublicAccessBlock } from '../../inventory/types/s3';
import type { ExamSandbox } from './sandbox';
import { fetchWithRetries } from '../../target/http-retry';

/** One bucket and one object that an @exam scenario builds and then asks about. */
export interface S3ExamScene {
  bucket: string;
  key: string;
  anonymousStatus?: number;
  decision?: AnonymousReadDecision;
}

declare module './sandbox' {
  interface ExamState {
    s3?: S3ExamScene;
  }
}

const client = (sandbox: ExamSandbox) => sandbox.clients.client(S3Client, sandbox.account, sandbox.region);

export async function bucketWithObject(sandbox: ExamSandbox, options: { objectAcl?: 'private' | 'public-read'; publicReadPolicy?: boolean }): Promise<S3ExamScene> {
  const scene = { bucket: sandbox.unique('exam-s3'), key: 'index.html' };
  const s3 = client(sandbox);
  await s3.send(new CreateBucketCommand({ Bucket: scene.bucket }));
  await s3.send(new PutObjectCommand({ Bucket: scene.bucket, Key: scene.key, Body: '<h1>exam</h1>', ACL: options.objectAcl ?? 'private' }));
  if (options.publicReadPolicy) {
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${scene.bucket}/*` }],
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket: scene.bucket, Policy }));
  }
  return scene;
}

export async function turnOnBucketSetting(sandbox: ExamSandbox, scene: S3ExamScene, setting: keyof PublicAccessBlock): Promise<void> {
  const settings: PublicAccessBlock = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false, [setting]: true };
  await client(sandbox).send(new PutPublicAccessBlockCommand({ Bucket: scene.bucket, PublicAccessBlockConfiguration: settings }));
}

/** An unsigned HTTP GET, as anyone on the internet would send it. The emulator answers as S3 would. */
export async function requestAnonymously(sandbox: ExamSandbox, scene: S3ExamScene): Promise<number> {
  const response = await fetchWithRetries(`${sandbox.endpoint}/${scene.bucket}/${encodeURIComponent(scene.key)}`);
  await response.arrayBuffer();
  return response.status;
}

/** Read the bucket's configuration back and decide with our evaluator (the emulator does not enforce Block Public Access). */
export async function decideAnonymousRead(sandbox: ExamSandbox, scene: S3ExamScene): Promise<AnonymousReadDecision> {
  const s3 = client(sandbox);
  const Bucket = scene.bucket;
  const bucketBlock = await s3
    .send(new GetPublicAccessBlockCommand({ Bucket }))
    .then((r) => (r.PublicAccessBlockConfiguration ?? null) as PublicAccessBlock | null)
    .catch((e: Error) => (e.name === 'NoSuchPublicAccessBlockConfiguration' ? null : Promise.reject(e)));
  const policy = await s3
    .send(new GetBucketPolicyCommand({ Bucket }))
    .then((r) => (r.Policy ? (JSON.parse(r.Policy) as PolicyDocument) : null))
    .catch((e: Error) => (e.name === 'NoSuchBucketPolicy' ? null : Promise.reject(e)));
  const acl = await s3.send(new GetObjectAclCommand({ Bucket, Key: scene.key }));
  const objectGrants = (acl.Grants ?? []).map((g) => ({ granteeType: g.Grantee?.Type ?? '', granteeUri: g.Grantee?.URI, permission: g.Permission ?? '' }));
  return anonymousRead({ bucket: Bucket, key: scene.key, accountBlock: null, bucketBlock, policy, objectGrants });
}
