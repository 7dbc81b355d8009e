import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, label } from './facts';

export const meta: RuleMeta = {
  id: 'sites.viewer-https',
  title: 'Every cache behaviour redirects HTTP to HTTPS or serves HTTPS only',
  domain: 'sites',
  severity: 'high',
  rationale: 'With the viewer protocol policy allow-all, viewers can fetch the site (and send Basic-auth credentials) in clear text.',
  remediation: 'Set ViewerProtocolPolicy to redirect-to-https (or https-only) on the default cache behaviour and on every other behaviour.',
};

const SECURE = ['redirect-to-https', 'https-only'];

export const viewerHttps: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const findings: Finding[] = [];
    for (const d of distributions) {
      for (const b of d.behaviours.filter((behaviour) => !SECURE.includes(behaviour.viewerProtocolPolicy))) {
        findings.push({ resource: d.arn, account, region: 'global', problem: `${label(d)}: ${b.pathPattern === 'default' ? 'the default cache behaviour' : `cache behaviour ${b.pathPattern}`} allows HTTP (viewer protocol policy ${b.viewerProtocolPolicy})` });
      }
    }
    return verdictFrom({ findings, checked: distributions.length, evidence: { behaviours: distributions.map((d) => ({ distribution: d.id, policies: d.behaviours.map((b) => `${b.pathPattern}: ${b.viewerProtocolPolicy}`) })) } });
  },
};
