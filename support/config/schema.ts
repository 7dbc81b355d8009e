import { z } from 'zod';
import { s3Section } from './sections/s3';

const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'expected an AWS region such as us-east-1');

/** The whole posture config. Every domain adds its own section file under sections/. */
export const postureConfigSchema = z.strictObject({
  regions: z.array(region).min(1, 'list at least one region'),
  s3: s3Section,
});

export type PostureConfig = z.infer<typeof postureConfigSchema>;
