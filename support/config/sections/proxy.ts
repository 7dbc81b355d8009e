import { z } from 'zod';

/** Where the audited squid.conf is read from. `{account}` in a bucket or parameter name is the audited account id. */
export const squidConfSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1) }),
  /** includePrefix: where included files live, as keys (include /etc/squid/conf.d/x.conf → <includePrefix>/etc/squid/conf.d/x.conf). */
  z.strictObject({ kind: z.literal('s3'), bucket: z.string().min(3), key: z.string().min(1), includePrefix: z.string().optional() }),
  z.strictObject({ kind: z.literal('ssm-parameter'), name: z.string().min(1) }),
  /** Live only: print the file on the proxy instance through SSM Run Command with the AwsPosture-PrintSquidConf document (README). */
  z.strictObject({ kind: z.literal('ssm-run-command'), path: z.string().regex(/^\/[A-Za-z0-9._/-]+$/, 'an absolute path of plain characters').default('/etc/squid/squid.conf') }),
]);

export const proxySection = z
  .strictObject({
    /** The forward-proxy instance(s): EC2 instances carrying this tag, in any audited region. */
    instanceTag: z.strictObject({ key: z.string().min(1), value: z.string().min(1) }).default({ key: 'Role', value: 'forward-proxy' }),
    /** The port clients use; Squid must listen on it and the security group may admit it only from the VPC. */
    port: z.number().int().min(1).max(65535).default(8080),
    source: squidConfSource.default({ kind: 'ssm-run-command', path: '/etc/squid/squid.conf' }),
    /** Where `squid -k parse` and the real-Squid scenario find the binary (unset: /usr/sbin/squid, then PATH). */
    squidBinary: z.string().min(1).optional(),
  })
  .default({ instanceTag: { key: 'Role', value: 'forward-proxy' }, port: 8080, source: { kind: 'ssm-run-command', path: '/etc/squid/squid.conf' } });

export type ProxyConfig = z.infer<typeof proxySection>;
export type SquidConfSource = z.infer<typeof squidConfSource>;
