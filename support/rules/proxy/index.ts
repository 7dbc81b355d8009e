import { onlyVpcCidr } from './allowed-sources';
import { listensAndParses } from './listens-and-parses';
import { realSquidBehaviour } from './real-squid-behaviour';
import { securityGroupVpcOnly } from './security-group';
import { stripsIdentifyingHeaders } from './strips-identifying-headers';

export const proxyControls = {
  onlyVpcCidr,
  listensAndParses,
  stripsIdentifyingHeaders,
  securityGroupVpcOnly,
  realSquidBehaviour,
};
