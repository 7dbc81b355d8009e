import { Then } from '@cucumber/cucumber';
import { sitesControls } from '../support/rules/sites';
import type { PostureWorld } from '../support/world';

Then('every distribution reads its S3 origins through Origin Access Control', function (this: PostureWorld) {
  return this.assertControl(sitesControls.s3OriginAccessControl);
});

Then('no distribution still reads an S3 origin through a legacy origin access identity', function (this: PostureWorld) {
  return this.assertControl(sitesControls.noLegacyOriginAccessIdentity);
});

Then('each S3 origin bucket lets only its distribution read, blocks public access and hosts no website', function (this: PostureWorld) {
  return this.assertControl(sitesControls.originBucketPrivate);
});

Then('every cache behaviour redirects HTTP to HTTPS or serves HTTPS only', function (this: PostureWorld) {
  return this.assertControl(sitesControls.viewerHttps);
});

Then("every distribution's viewer security policy is at least the configured minimum", function (this: PostureWorld) {
  return this.assertControl(sitesControls.minimumTls);
});

Then('every distribution serving an S3 site has a default root object', function (this: PostureWorld) {
  return this.assertControl(sitesControls.defaultRootObject);
});

Then('every private site in the posture config runs a viewer-request function on every cache behaviour', function (this: PostureWorld) {
  return this.assertControl(sitesControls.privateSiteViewerFunction);
});

Then('no public website bucket is served without a CloudFront distribution in front', function (this: PostureWorld) {
  return this.assertControl(sitesControls.websiteBucketBehindDistribution);
});
