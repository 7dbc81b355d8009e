import { CLOUDFRONT_TLS_POLICIES } from '../../config/sections/sites';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, label } from './facts';

export const meta: RuleMeta = {
  id: 'sites.minimum-tls',
  title: 'Every distribution refuses viewers below the minimum TLS security policy',
  domain: 'sites',
  severity: 'medium',
  rationale: 'The viewer security policy sets the oldest protocol and ciphers CloudFront accepts; TLSv1.2_2021 (TLS 1.2+, strong ciphers only) is the usual bar (sites.minimumTlsProtocol).',
  remediation: 'Serve an alternate domain name with an ACM certificate (issued in us-east-1) and set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021 or newer.',
};

const rank = (policy: string | undefined) => CLOUDFRONT_TLS_POLICIES.indexOf((policy ?? 'TLSv1') as (typeof CLOUDFRONT_TLS_POLICIES)[number]);

export const minimumTls: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account, config }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const bar = config.sites.minimumTlsProtocol;
    const findings: Finding[] = [];
    const examined = [];
    for (const d of distributions) {
      const { cloudFrontDefaultCertificate, minimumProtocolVersion } = d.viewerCertificate;
      examined.push({ distribution: d.id, cloudFrontDefaultCertificate, minimumProtocolVersion, acceptedAsDefaultCertificate: cloudFrontDefaultCertificate && config.sites.acceptDefaultCertificate });
      if (cloudFrontDefaultCertificate) {
        // CloudFront keeps TLSv1 for *.cloudfront.net whatever is set; accepted or not by sites.acceptDefaultCertificate.
        if (!config.sites.acceptDefaultCertificate) findings.push({ resource: d.arn, account, region: 'global', problem: `${label(d)}: uses the default *.cloudfront.net certificate, whose security policy stays TLSv1 (below ${bar})` });
      } else if (rank(minimumProtocolVersion) < rank(bar)) {
        findings.push({ resource: d.arn, account, region: 'global', problem: `${label(d)}: minimum protocol ${minimumProtocolVersion ?? 'unset'} is below ${bar}` });
      }
    }
    return verdictFrom({ findings, checked: examined.length, evidence: { bar, distributions: examined } });
  },
};
