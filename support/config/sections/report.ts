import { z } from 'zod';

/**
 * AWS's public page of the CIS AWS Foundations Benchmark v5.0.0 in Security Hub (which Security Hub control
 * checks each requirement), scrolled to the id by a text fragment. The benchmark's own text needs a CIS
 * WorkBench login, so it cannot be the default; point `report.cisLink` at an internal catalogue with `{id}`.
 */
export const DEFAULT_CIS_LINK = 'https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html#:~:text={id}';

export const reportSection = z
  .strictObject({
    /** Shown as the owner of every control in the Allure report (a team or a mailbox). */
    owner: z.string().min(1).optional(),
    /** Owner per domain (e.g. network: netops); wins over `owner` for that domain's controls. */
    owners: z.record(z.string(), z.string().min(1)).default({}),
    /** Where the CIS link of a control points; `{id}` is replaced by the v5.0.0 id (e.g. an internal catalogue). */
    cisLink: z.string().regex(/^https?:\/\//, 'expected an http(s) URL').default(DEFAULT_CIS_LINK),
    /** How many resources a failure message lists (the evidence lists all): short messages keep reports fast. */
    maxFindingsInMessage: z.number().int().min(1).max(200).default(20),
  })
  .default({ owners: {}, cisLink: DEFAULT_CIS_LINK, maxFindingsInMessage: 20 });

export type ReportConfig = z.infer<typeof reportSection>;
