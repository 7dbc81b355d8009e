import { ADMIN_PORTS } from '../../evaluators/network/flow';
import { internetPortsControl } from './sg-internet-ports';

const common = {
  domain: 'network',
  severity: 'critical' as const,
  remediation: 'Remove the rule(s); allow 22/3389 only from the administrators\' CIDRs (network.adminCidrs), or use Session Manager and open nothing.',
};

/** CIS 5.3 (IPv4) and 5.4 (IPv6): a group's rules are unioned, so a split of 0.0.0.0/0 is 0.0.0.0/0. */
export const sgAdminPortsIpv4 = internetPortsControl(
  {
    ...common,
    id: 'network.sg-admin-ports-ipv4',
    title: 'No security group admits 0.0.0.0/0 to SSH (22) or RDP (3389)',
    cis: '5.3',
    rationale: 'Security groups only allow, and all the rules of a group add up: rules that together cover every public IPv4 address (0.0.0.0/0, or 0.0.0.0/1 + 128.0.0.0/1, or a prefix list of /8s) expose remote administration to the whole IPv4 internet. Private and reserved ranges are not counted as the internet.',
  },
  { families: ['ipv4'], ports: () => ADMIN_PORTS },
);

export const sgAdminPortsIpv6 = internetPortsControl(
  {
    ...common,
    id: 'network.sg-admin-ports-ipv6',
    title: 'No security group admits ::/0 to SSH (22) or RDP (3389)',
    cis: '5.4',
    rationale: 'IPv6 rules that together cover the global unicast space (::/0, 2000::/3, or any split of them) expose remote administration to the whole IPv6 internet; they are often overlooked because the IPv4 rules look right.',
  },
  { families: ['ipv6'], ports: () => ADMIN_PORTS },
);
