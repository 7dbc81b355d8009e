import { z } from 'zod';

/** CloudFront viewer security policies, weakest first (the names CloudFront's MinimumProtocolVersion takes). */
export const CLOUDFRONT_TLS_POLICIES = ['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'] as const;

export const sitesSection = z
  .strictObject({
    /** Distributions serving private sites (id, ARN or alternate domain name): a viewer-request function on every behaviour. */
    privateSites: z.array(z.string().min(1)).default([]),
    /** The weakest viewer security policy accepted (TLSv1.2_2021: TLS 1.2+, strong ciphers only). */
    minimumTlsProtocol: z.enum(CLOUDFRONT_TLS_POLICIES).default('TLSv1.2_2021'),
    /**
     * A distribution on the default *.cloudfront.net certificate cannot raise its policy (CloudFront keeps TLSv1).
     * true: accepted (shown in the evidence); false: named, to move to an alternate domain name with an ACM certificate.
     */
    acceptDefaultCertificate: z.boolean().default(true),
  })
  .default({ privateSites: [], minimumTlsProtocol: 'TLSv1.2_2021', acceptDefaultCertificate: true });

export type SitesConfig = z.infer<typeof sitesSection>;
