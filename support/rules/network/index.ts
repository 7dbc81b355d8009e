import { defaultSecurityGroupClosed } from './default-sg-closed';
import { naclAdminPorts } from './nacl-admin-ports';
import { privateTierRoutes } from './private-tier-routes';
import { sgAdminPortsIpv4, sgAdminPortsIpv6 } from './sg-admin-ports';
import { tierExposure } from './tier-exposure';

export { parseParty, reachability, type ReachabilityQuestion } from './reachability';

export const networkControls = {
  naclAdminPorts,
  sgAdminPortsIpv4,
  sgAdminPortsIpv6,
  defaultSecurityGroupClosed,
  privateTierRoutes,
  tierExposure,
};
