import type { ProtocolNumber } from '../inventory/types/network';

const NUMBERS: Record<string, ProtocolNumber> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

/** A protocol as AWS writes it (tcp, 6, -1, all) → its number, as NACL entries carry it. */
export function normaliseProtocol(ipProtocol: string | undefined): ProtocolNumber {
  const text = (ipProtocol ?? '-1').toLowerCase();
  return NUMBERS[text] ?? text;
}
