import { defineParameterType } from '@cucumber/cucumber';
import ipaddr from 'ipaddr.js';

/** Gherkin words → typed values. Every domain's steps share these. */

defineParameterType({
  name: 'cidr',
  regexp: /[0-9a-fA-F:.]+\/\d{1,3}/,
  transformer: (text: string) => {
    if (!ipaddr.isValidCIDR(text)) throw new Error(`"${text}" is not a CIDR block`);
    return text;
  },
});

defineParameterType({
  name: 'port',
  regexp: /\d{1,5}/,
  transformer: (text: string) => {
    const port = Number(text);
    if (port < 0 || port > 65535) throw new Error(`${text} is not a port`);
    return port;
  },
});

const PROTOCOLS: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58', all: '-1' };
defineParameterType({
  name: 'protocol',
  regexp: /tcp|udp|icmpv6|icmp|all/,
  transformer: (text: string) => PROTOCOLS[text],
});

defineParameterType({
  name: 'account',
  regexp: /\d{12}/,
  transformer: (text: string) => text,
});

defineParameterType({
  name: 'region',
  regexp: /[a-z]{2}(?:-gov)?-[a-z]+-\d/,
  transformer: (text: string) => text,
});

defineParameterType({
  name: 'action',
  regexp: /[a-z0-9-]+:[A-Za-z0-9*]+/,
  transformer: (text: string) => text,
});
