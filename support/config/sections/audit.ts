import { z } from 'zod';

/** How a live audit reaches accounts: the Organization fan-out and the waivers file. */
export const auditSection = z
  .strictObject({
    /** Audit every ACTIVE member account from the management (or delegated-admin) account. */
    organization: z.boolean().default(false),
    /** The role assumed in each member account (deploy a read-only role with support/target/audit-role-policy.json). */
    memberRole: z.string().regex(/^[\w+=,.@/-]{1,64}$/, 'expected an IAM role name such as OrganizationAccountAccessRole').default('OrganizationAccountAccessRole'),
    /** ExternalId the member role's trust policy requires, if any. */
    externalId: z.string().min(2).max(1224).optional(),
    /** Member accounts audited at the same time. */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Member accounts left out of the fan-out (e.g. a suspended sandbox). */
    excludeAccounts: z.array(z.string().regex(/^\d{12}$/, 'expected a 12-digit account id')).default([]),
    /** Accepted exceptions (YAML); relative to the working directory. Empty: no waivers. */
    waiversFile: z.string().optional(),
  })
  .default({ organization: false, memberRole: 'OrganizationAccountAccessRole', concurrency: 4, excludeAccounts: [] });

export type AuditConfig = z.infer<typeof auditSection>;
