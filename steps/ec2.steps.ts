import { Then } from '@cucumber/cucumber';
import { ec2Controls } from '../support/rules/ec2';
import type { PostureWorld } from '../support/world';

Then('every instance was launched from an AMI of Amazon, this account or a trusted owner', function (this: PostureWorld) {
  return this.assertControl(ec2Controls.imageProvenance);
});

Then('no AMI of the account is shared with everyone', function (this: PostureWorld) {
  return this.assertControl(ec2Controls.noPublicImages);
});

Then('no EBS snapshot of the account lets everyone create a volume from it', function (this: PostureWorld) {
  return this.assertControl(ec2Controls.noPublicSnapshots);
});

Then('block public access for AMIs and for EBS snapshots is on in every audited region', function (this: PostureWorld) {
  return this.assertControl(ec2Controls.blockPublicSharing);
});
