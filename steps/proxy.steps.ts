import { Then } from '@cucumber/cucumber';
import { proxyControls } from '../support/rules/proxy';
import type { PostureWorld } from '../support/world';

Then("the sources Squid serves are exactly the CIDR of the proxy's VPC", function (this: PostureWorld) {
  return this.assertControl(proxyControls.onlyVpcCidr);
});

Then('Squid listens on the port in the posture config and squid -k parse accepts the file', function (this: PostureWorld) {
  return this.assertControl(proxyControls.listensAndParses);
});

Then('requests and replies through the proxy carry no X-Forwarded-For and no Via', function (this: PostureWorld) {
  return this.assertControl(proxyControls.stripsIdentifyingHeaders);
});

Then("the proxy's security groups admit its port only from the VPC CIDR", function (this: PostureWorld) {
  return this.assertControl(proxyControls.securityGroupVpcOnly);
});

Then('a real Squid running the audited squid.conf serves a client inside the VPC CIDR and answers 403 to clients outside it', function (this: PostureWorld) {
  return this.assertControl(proxyControls.realSquidBehaviour);
});
