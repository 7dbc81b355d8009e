import { z } from 'zod';

export const DEFAULT_CIS_LINK = 'https://www.cisecurity.org/benchmark/amazon_web_services';

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
