import { accessLogging } from './access-logging';
import { accountBlockPublicAccess } from './account-block-public-access';
import { bucketBlockPublicAccess } from './bucket-block-public-access';
import { bucketPolicyNotPublic } from './bucket-policy-not-public';
import { defaultEncryption } from './default-encryption';
import { denyInsecureTransport } from './deny-insecure-transport';
import { noPublicAcls } from './no-public-acls';
import { presignedSharingPrivate } from './presigned-sharing-private';

export const s3Controls = {
  accountBlockPublicAccess,
  bucketBlockPublicAccess,
  bucketPolicyNotPublic,
  noPublicAcls,
  denyInsecureTransport,
  defaultEncryption,
  accessLogging,
  presignedSharingPrivate,
};
