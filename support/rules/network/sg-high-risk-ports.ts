import type { RuleMeta } from '../types';
import { internetPortsControl } from './sg-internet-ports';

export const meta: RuleMeta = {
  id: 'network.sg-high-risk-ports',
  title: 'No security group admits all ports or a high-risk port from the internet',
  domain: 'network',
  severity: 'high',
  rationale: 'Beyond CIS: databases, caches, search clusters, FTP, Telnet, SMTP and SMB are attacked within minutes of appearing on the internet, and "all ports" opens all of them. Every group is checked, not only the configured tiers; the ports come from network.highRiskPorts (22, 3389 and 445 are left to their CIS scenarios, 5.3/5.4 and 5.1.2, so one open port fails one scenario).',
  remediation: 'Remove the rule(s); admit these ports only from the security groups or private ranges of the clients that need them.',
};

/** Ports a CIS scenario already judges (22 and 3389: 5.3/5.4; 445: 5.1.2) are reported there, once. */
export const CIS_JUDGED_PORTS: readonly number[] = [22, 3389, 445];

export const sgHighRiskPorts = internetPortsControl(meta, { families: ['ipv4', 'ipv6'], ports: (config) => config.network.highRiskPorts.filter((port) => !CIS_JUDGED_PORTS.includes(port)), allPorts: true });
