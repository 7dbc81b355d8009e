import { z } from 'zod';

const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'expected an AWS region such as us-east-1');
const action = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, 'expected an IAM action such as cloudtrail:StopLogging');

export const DEFAULT_ALLOWED_REGIONS = ['us-east-1', 'eu-west-1'];
export const DEFAULT_PROTECTED_ACTIONS = [
  'organizations:LeaveOrganization',
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
];
export const DEFAULT_OUTSIDE_REGION_PROBES = ['ap-southeast-2', 'sa-east-1'];

/**
 * The SCP limits the organization must impose on member accounts. The limits table in
 * features/organizations/scp-limits.feature refers to these lists with the words "each allowed region",
 * "a region outside the allowed ones" and "each protected action".
 */
export const organizationSection = z
  .strictObject({
    /** Regions member accounts may work in; every other region must be denied by an SCP. */
    allowedRegions: z.array(region).min(1).default(DEFAULT_ALLOWED_REGIONS),
    /** Actions no principal of any member account may perform (SCP explicit deny expected). */
    protectedActions: z.array(action).min(1).default(DEFAULT_PROTECTED_ACTIONS),
    /** Regions tried for "a region outside the allowed ones" (must not be allowed regions). */
    outsideRegionProbes: z.array(region).min(1).default(DEFAULT_OUTSIDE_REGION_PROBES),
  })
  .refine((c) => c.outsideRegionProbes.every((r) => !c.allowedRegions.includes(r)), { message: 'outsideRegionProbes must not list an allowed region' })
  .default({ allowedRegions: DEFAULT_ALLOWED_REGIONS, protectedActions: DEFAULT_PROTECTED_ACTIONS, outsideRegionProbes: DEFAULT_OUTSIDE_REGION_PROBES });

export type OrganizationConfig = z.infer<typeof organizationSection>;
