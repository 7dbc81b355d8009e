import { Then } from '@cucumber/cucumber';
import { storageControls } from '../support/rules/storage';
import type { PostureWorld } from '../support/world';

Then('every RDS DB instance in the audited regions has storage encryption', function (this: PostureWorld) {
  return this.assertControl(storageControls.rdsEncryption);
});

Then('every RDS DB instance in the audited regions has auto minor version upgrade on', function (this: PostureWorld) {
  return this.assertControl(storageControls.rdsAutoMinorUpgrade);
});

Then('no RDS DB instance in the audited regions is publicly accessible', function (this: PostureWorld) {
  return this.assertControl(storageControls.rdsNotPublic);
});

Then('every RDS DB instance named or tagged in storage.multiAz is Multi-AZ', function (this: PostureWorld) {
  return this.assertControl(storageControls.rdsMultiAz);
});

Then('every EFS file system in the audited regions is encrypted at rest', function (this: PostureWorld) {
  return this.assertControl(storageControls.efsEncryption);
});
