import { z } from 'zod';

const MULTI_AZ_DEFAULT = { instances: [] as string[], tag: 'Environment=production' };

export const storageSection = z
  .strictObject({
    /**
     * CIS 2.2.4: which RDS DB instances must be Multi-AZ. Those named in `instances` (identifiers) and
     * those carrying `tag` (Key=Value; default Environment=production). Development databases may be
     * single-AZ; production ones must survive the loss of an Availability Zone.
     */
    multiAz: z
      .strictObject({
        instances: z.array(z.string().min(1)).default([]),
        tag: z.string().regex(/^[^=]+=.*$/, 'expected Key=Value').default(MULTI_AZ_DEFAULT.tag),
      })
      .default(MULTI_AZ_DEFAULT),
  })
  .default({ multiAz: MULTI_AZ_DEFAULT });

export type StorageConfig = z.infer<typeof storageSection>;
