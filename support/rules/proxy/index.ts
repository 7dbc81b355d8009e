import { onlyVpcCidr } from './allowed-sources';
import { listensAndParses } from './listens-and-parses';
import { securityGroupVpcOnly } from './security-group';
import { stripsIdentifyingHeaders } from './strips-identifying-headers';

export const proxyControls = {
  onlyVpcCidr,
  listensAndParses,
  stripsIdentifyingHeaders,
  securityGroupVpcOnly,
};
