import type { PortRange, ProtocolNumber } from '../../inventory/types/network';

/** Protocols by number, as NACL entries carry them; security group rules are normalised to the same. */
export const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/**
 * The client's source port that return traffic goes back to. Linux picks from 32768-60999, Windows from
 * 49152-65535: 49152 is in both, and a NACL must allow it (AWS advises 1024-65535) for replies to arrive.
 */
export const CLIENT_PORT = 49152;

/** The remote administration ports of CIS 5.2-5.4. */
export const ADMIN_PORTS = [22, 3389] as const;

export { normaliseProtocol } from '../../model/protocol';

export function protocolName(protocol: ProtocolNumber): string {
  return PROTOCOL_NAMES[protocol] ?? `protocol ${protocol}`;
}

/** TCP and UDP carry ports; for other protocols a port range means nothing. */
export function hasPorts(protocol: ProtocolNumber): boolean {
  return protocol === '6' || protocol === '17';
}

export function protocolMatches(ruleProtocol: ProtocolNumber, packetProtocol: ProtocolNumber): boolean {
  return ruleProtocol === '-1' || ruleProtocol === packetProtocol;
}

export function portInRange(port: number, range: PortRange | undefined): boolean {
  return !range || range.from === -1 || (port >= range.from && port <= range.to);
}

/** "tcp 22", "udp 1024-65535", "all traffic". */
export function describeTraffic(protocol: ProtocolNumber, ports?: PortRange): string {
  if (protocol === '-1') return 'all traffic';
  if (!hasPorts(protocol) || !ports || ports.from === -1) return `${protocolName(protocol)}${hasPorts(protocol) ? ' all ports' : ''}`;
  return `${protocolName(protocol)} ${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`}`;
}

/** One packet as a filter sees it: the protocol, both addresses and the destination port (ICMP: type). */
export interface Packet {
  protocol: ProtocolNumber;
  source: string;
  destination: string;
  port: number;
}
