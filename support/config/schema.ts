import { z } from 'zod';
import { s3Section } from './sections/s3';
import { networkSection } from './sections/network';
import { proxySection } from './sections/proxy';
import { organizationSection } from './sections/organization';
import { iamSection } from './sections/iam';
import { loggingSection } from './sections/logging';
import { auditSection } from './sections/audit';
import { reportSection } from './sections/report';
import { sitesSection } from './sections/sites';
import { ec2Section } from './sections/ec2';
import { storageSection } from './sections/storage';

const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'expected an AWS region such as us-east-1');

/** The whole posture config. Every domain adds its own section file under sections/. */
export const postureConfigSchema = z.strictObject({
  // Omitted or empty: every region enabled for each audited account (support/target/regions.ts).
  regions: z.array(region).default([]),
  s3: s3Section,
  network: networkSection,
  proxy: proxySection,
  organization: organizationSection,
  iam: iamSection,
  logging: loggingSection,
  audit: auditSection,
  report: reportSection,
  sites: sitesSection,
  ec2: ec2Section,
  storage: storageSection,
});

export type PostureConfig = z.infer<typeof postureConfigSchema>;
