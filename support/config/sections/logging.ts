import { z } from 'zod';

const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'expected an AWS region such as us-east-1');

export const loggingSection = z
  .strictObject({
    /** The organization trail's name; unset: any organization trail that meets the controls will do. */
    trailName: z.string().min(3).max(128).optional(),
    /** Regions where the trail must be seen and AWS Config must record; empty: every audited region. */
    regions: z.array(region).default([]),
  })
  .default({ regions: [] });

export type LoggingConfig = z.infer<typeof loggingSection>;

/** The regions the logging controls insist on: `logging.regions`, else every audited region. */
export function loggingRegions(config: { regions: string[]; logging: LoggingConfig }): string[] {
  return config.logging.regions.length > 0 ? config.logging.regions : config.regions;
}
