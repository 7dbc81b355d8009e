import type { RuleMeta } from '../types';
import { internetPortsControl } from './sg-internet-ports';

export const meta: RuleMeta = {
  id: 'network.sg-cifs',
  title: 'No security group admits CIFS/SMB (445) from the internet',
  domain: 'network',
  severity: 'critical',
  cis: '5.1.2',
  rationale: 'SMB on 445 is how file shares (and worms such as WannaCry) travel; a group whose rules together cover every public IPv4 or IPv6 address exposes it to the internet. Judged by the same union of rules as CIS 5.3.',
  remediation: 'Remove the rule(s); allow 445 only from trusted networks (the VPC CIDR, on-premises ranges over VPN or Direct Connect).',
};

export const sgCifs = internetPortsControl(meta, { families: ['ipv4', 'ipv6'], ports: () => [445] });
