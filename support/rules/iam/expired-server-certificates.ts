import type { Control } from '../control';
import { notVerified, verdictFrom, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'iam.expired-server-certificates',
  title: 'No expired SSL/TLS server certificate is stored in IAM',
  domain: 'iam',
  severity: 'medium',
  cis: '1.18',
  rationale: 'An expired certificate left in IAM can be deployed to a load balancer or CloudFront by mistake, and clients then refuse the site; IAM does not remove it by itself (ACM is the better home for certificates).',
  remediation: 'aws iam delete-server-certificate --server-certificate-name <name> (after checking no listener still uses it).',
};

/** Expired = its Expiration is before the moment the inventory was read. */
export const expiredServerCertificates: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account, region }) {
    if (inventory.serverCertificates.kind === 'not-collected') return notVerified(inventory.serverCertificates.reason);
    const now = Date.parse(inventory.collectedAt);
    const certificates = inventory.serverCertificates.value;
    const findings = certificates
      .filter((c) => c.expiration !== null && Date.parse(c.expiration) < now)
      .map((c) => ({ resource: c.arn, account, region, problem: `server certificate ${c.name} expired on ${c.expiration?.slice(0, 10)} and is still stored in IAM` }));
    return verdictFrom({ findings, checked: certificates.length, evidence: { now: inventory.collectedAt, certificates } });
  },
};
