import { defaultRootObject } from './default-root-object';
import { minimumTls } from './minimum-tls';
import { noLegacyOriginAccessIdentity } from './no-legacy-origin-access-identity';
import { originBucketPrivate } from './origin-bucket-private';
import { privateSiteViewerFunction } from './private-site-viewer-function';
import { s3OriginAccessControl } from './s3-origin-access-control';
import { viewerHttps } from './viewer-https';
import { websiteBucketBehindDistribution } from './website-bucket-behind-distribution';

export const sitesControls = {
  s3OriginAccessControl,
  noLegacyOriginAccessIdentity,
  originBucketPrivate,
  viewerHttps,
  minimumTls,
  defaultRootObject,
  privateSiteViewerFunction,
  websiteBucketBehindDistribution,
};
