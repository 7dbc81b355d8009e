import { z } from 'zod';

const days = z.number().int().min(1).max(3650);

export const iamSection = z
  .strictObject({
    /** CIS 1.11: passwords and access keys unused this many days must be disabled. */
    unusedCredentialDays: days.default(45),
    /** CIS 1.13: active access keys older than this many days must be rotated. */
    keyRotationDays: days.default(90),
    /** CIS 1.6: the root user's password or keys used within this many days is daily use. */
    rootRecentUseDays: days.default(90),
    /** CIS 1.7: the password policy's minimum length must be at least this. */
    minimumPasswordLength: z.number().int().min(14).max(128).default(14),
    /** CIS 1.8: the password policy must remember at least this many previous passwords. */
    passwordReusePrevention: z.number().int().min(1).max(24).default(24),
    /** Service roles allowed to keep an AWS "*FullAccess" managed policy: "<role name>:<policy name>". */
    acceptedServiceRolePolicies: z.array(z.string().regex(/^[\w+=,.@-]+:[\w+=,.@-]+$/, 'expected "<role name>:<policy name>"')).default([]),
  })
  .default({ unusedCredentialDays: 45, keyRotationDays: 90, rootRecentUseDays: 90, minimumPasswordLength: 14, passwordReusePrevention: 24, acceptedServiceRolePolicies: [] });

export type IamConfig = z.infer<typeof iamSection>;
