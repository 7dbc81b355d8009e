import { z } from 'zod';

export const s3Section = z
  .strictObject({
    /** Buckets that are meant to serve a public website; their public-read policy is accepted. */
    publicWebsiteBuckets: z.array(z.string().min(3)).default([]),
    /** Object ACLs are read for at most this many objects per bucket (object ACLs are per object). */
    objectAclSampleLimit: z.number().int().min(0).max(10_000).default(200),
    /** Buckets whose objects are shared by presigned URL ({account} = the audited account id): private, Block Public Access on. */
    presignedSharingBuckets: z.array(z.string().min(3)).default([]),
  })
  .default({ publicWebsiteBuckets: [], objectAclSampleLimit: 200, presignedSharingBuckets: [] });

export type S3Config = z.infer<typeof s3Section>;
