import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const cidr = z.string().refine((text) => ipaddr.isValidCIDR(text), 'expected a CIDR block such as 198.51.100.0/24');
const port = z.number().int().min(0).max(65535);

/** FTP, Telnet, SMTP, CIFS/SMB, MS SQL, MySQL, RDP, PostgreSQL, Redis, Elasticsearch, MongoDB. */
export const HIGH_RISK_PORTS = [20, 21, 23, 25, 445, 1433, 3306, 3389, 5432, 6379, 9200, 27017] as const;

/** How a tier's instances, subnets and security groups are found: by a tag (Key=Value) or by a name glob. */
const tier = z
  .strictObject({
    /** "Tier=web": instances, subnets and security groups carrying this tag. */
    tag: z.string().regex(/^[^=]+=.*$/, 'expected Key=Value').optional(),
    /** "web-*": the Name tag of instances and subnets, or the group name of security groups. */
    name: z.string().min(1).optional(),
    /** A public tier faces the internet; a private tier has no route to an internet gateway. */
    placement: z.enum(['public', 'private']),
    /** Only the security groups of these tiers may reach this tier (e.g. the db tier from the web tier). */
    reachableFrom: z.array(z.string()).optional(),
  })
  .refine((t) => (t.tag === undefined) !== (t.name === undefined), 'give a tier either tag or name, not both');

export const networkSection = z
  .strictObject({
    /** Where administrators connect from: SSH/RDP to a tier is expected only from these. */
    adminCidrs: z.array(cidr).default([]),
    /** The ports a public tier serves to everyone (HTTP/HTTPS). */
    publicPorts: z.array(port).default([80, 443]),
    /** The tiers that reachability scenarios name ("the web tier"). */
    tiers: z.record(z.string().regex(/^[a-z0-9-]+$/), tier).default({}),
    /** Beyond CIS: ports no security group may admit from the internet (besides all ports at once). */
    highRiskPorts: z.array(port).default([...HIGH_RISK_PORTS]),
  })
  .default({ adminCidrs: [], publicPorts: [80, 443], tiers: {}, highRiskPorts: [...HIGH_RISK_PORTS] });

export type NetworkConfig = z.infer<typeof networkSection>;
export type TierConfig = z.infer<typeof tier>;
