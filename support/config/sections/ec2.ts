import { z } from 'zod';

export const ec2Section = z
  .strictObject({
    /**
     * Whose machine images instances may be launched from, besides Amazon (alias "amazon") and the audited
     * account: owner account ids (12 digits) or owner aliases such as "aws-marketplace".
     */
    trustedImageOwners: z.array(z.string().regex(/^(\d{12}|[a-z][a-z0-9-]*)$/, 'expected a 12-digit account id or an owner alias such as aws-marketplace')).default([]),
  })
  .default({ trustedImageOwners: [] });

export type Ec2Config = z.infer<typeof ec2Section>;
