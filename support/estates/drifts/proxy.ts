import { type Drift, type EstateContext, atHandle, breaks, handle } from '../estate';
import { applyTutorialSed, correctedTutorialConf, stockConf } from '../../proxy/tutorial';
import { ec2, allowIn, tcpFrom } from '../reference/network';
import { storeSquidConf } from '../reference/proxy';

const ONLY_VPC = breaks('proxy.only-vpc-cidr', atHandle('proxy.instance'));
const LISTENS = breaks('proxy.listens-and-parses', atHandle('proxy.instance'));
const HEADERS = breaks('proxy.strips-identifying-headers', atHandle('proxy.instance'));
const REAL_SQUID = breaks('proxy.real-squid-behaviour', atHandle('proxy.instance'));

const reference = (ctx: EstateContext) => correctedTutorialConf({ vpcCidr: handle(ctx, 'proxy.vpcCidr'), port: ctx.config.proxy.port });

function edit(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`drift edit: ${from} not found in squid.conf`);
  return text.replace(from, to);
}

export const proxyDrifts: Drift[] = [
  {
    name: 'proxy-http-access-allow-all',
    domain: 'proxy',
    description: 'squid.conf gains "http_access allow all" above "http_access deny all": the proxy serves everyone.',
    breaks: [ONLY_VPC, REAL_SQUID],
    uses: ['proxy.vpcCidr'],
    async apply(ctx) {
      await storeSquidConf(ctx, edit(reference(ctx), /^http_access deny all$/m, 'http_access allow all\nhttp_access deny all'));
    },
  },
  {
    name: 'proxy-localnet-10-8',
    domain: 'proxy',
    description: 'The localnet acl keeps the stock 10.0.0.0/8 instead of the VPC CIDR 10.0.0.0/16.',
    breaks: [ONLY_VPC, REAL_SQUID],
    uses: ['proxy.vpcCidr'],
    async apply(ctx) {
      await storeSquidConf(ctx, edit(reference(ctx), /^acl localnet src \S+/m, 'acl localnet src 10.0.0.0/8'));
    },
  },
  {
    name: 'proxy-debian-stock-sed',
    domain: 'proxy',
    description:
      "The tutorial's sed script run on Debian's Squid 5.7 stock file: the extra localnet ranges survive, http_access allow localnet stays commented out, and http_port8080 is written.",
    breaks: [ONLY_VPC, LISTENS, REAL_SQUID],
    uses: ['proxy.vpcCidr'],
    async apply(ctx) {
      const text = applyTutorialSed(stockConf('debian'), { vpcCidr: handle(ctx, 'proxy.vpcCidr'), port: ctx.config.proxy.port });
      await storeSquidConf(ctx, text, { '/etc/squid/conf.d/debian.conf': stockConf('debianConfD') });
    },
  },
  {
    name: 'proxy-bare-http-access-deny',
    domain: 'proxy',
    description:
      'squid.conf ends "http_access deny to_localhost" then a bare "http_access deny": Squid 5.7 skips the bare line (no acl), so the last line denies and every other client is allowed.',
    breaks: [ONLY_VPC, REAL_SQUID],
    uses: ['proxy.vpcCidr'],
    async apply(ctx) {
      await storeSquidConf(ctx, edit(reference(ctx), /^http_access deny all$/m, 'http_access deny to_localhost\nhttp_access deny'));
    },
  },
  {
    name: 'proxy-bare-via-deny',
    domain: 'proxy',
    description: '"request_header_access Via deny all" written as a bare "request_header_access Via deny": Squid 5.7 skips it (no acl) and sends Via to the origin.',
    breaks: [HEADERS, REAL_SQUID],
    uses: ['proxy.vpcCidr'],
    async apply(ctx) {
      await storeSquidConf(ctx, edit(reference(ctx), /^request_header_access Via deny all$/m, 'request_header_access Via deny'));
    },
  },
  {
    name: 'proxy-identifying-headers-kept',
    domain: 'proxy',
    description: 'The request_header_access and reply_header_access lines for X-Forwarded-For and Via are left out (forwarded_for off stays).',
    breaks: [HEADERS, REAL_SQUID],
    uses: ['proxy.vpcCidr'],
    async apply(ctx) {
      await storeSquidConf(ctx, edit(reference(ctx), /^(request|reply)_header_access (X-Forwarded-For|Via) deny all\n/gm, ''));
    },
  },
  {
    name: 'proxy-security-group-open',
    domain: 'proxy',
    description: "The proxy's security group also admits 8080 from 0.0.0.0/0 (8080 is not an admin port, so no network scenario flags it).",
    breaks: [breaks('proxy.security-group-vpc-only', atHandle('proxy.securityGroup'))],
    async apply(ctx) {
      await allowIn(ec2(ctx, ctx.home), handle(ctx, 'proxy.securityGroup'), [tcpFrom(ctx.config.proxy.port, ['0.0.0.0/0'])]);
    },
  },
];
