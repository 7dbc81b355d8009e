import { defaultSecurityGroupClosed } from './default-sg-closed';
import { naclAdminPorts } from './nacl-admin-ports';
import { privateTierRoutes } from './private-tier-routes';
import { sgAdminPortsIpv4, sgAdminPortsIpv6 } from './sg-admin-ports';
import { sgCifs } from './sg-cifs';
import { sgHighRiskPorts } from './sg-high-risk-ports';
import { ebsDefaultEncryption } from './ebs-default-encryption';
import { imdsv2Required } from './imdsv2-required';
import { tierExposure } from './tier-exposure';

export { parseParty, reachability, type ReachabilityQuestion } from './reachability';

export const networkControls = {
  naclAdminPorts,
  sgAdminPortsIpv4,
  sgAdminPortsIpv6,
  sgCifs,
  sgHighRiskPorts,
  ebsDefaultEncryption,
  imdsv2Required,
  defaultSecurityGroupClosed,
  privateTierRoutes,
  tierExposure,
};
