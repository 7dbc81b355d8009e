import type { DistributionFacts } from '../../inventory/types/cloudfront';
import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, label } from './facts';

export const meta: RuleMeta = {
  id: 'sites.private-site-viewer-function',
  title: 'Every private site runs a viewer-request function on every cache behaviour',
  domain: 'sites',
  severity: 'high',
  rationale: 'A private site (sites.privateSites) is guarded by a viewer-request function (Lambda@Edge, which lives in us-east-1, or a CloudFront Function) that checks the viewer, e.g. Basic authentication; a behaviour without it serves its paths to anyone.',
  remediation: 'Associate the authentication function with EventType viewer-request on the default cache behaviour and on every other behaviour (Lambda@Edge: a numbered version of a us-east-1 function).',
};

/** Listed by id, ARN or alternate domain name. */
export function isPrivateSite(d: DistributionFacts, listed: readonly string[]): boolean {
  return listed.some((name) => name === d.id || name === d.arn || d.aliases.includes(name));
}

export const privateSiteViewerFunction: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account, config }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const sites = distributions.filter((d) => isPrivateSite(d, config.sites.privateSites));
    const findings: Finding[] = [];
    for (const d of sites) {
      for (const b of d.behaviours.filter((behaviour) => !behaviour.functions.some((f) => f.eventType === 'viewer-request'))) {
        findings.push({ resource: d.arn, account, region: 'global', problem: `${label(d)}: ${b.pathPattern === 'default' ? 'the default cache behaviour' : `cache behaviour ${b.pathPattern}`} has no viewer-request function: it serves anyone` });
      }
    }
    return verdictFrom({ findings, checked: sites.length, evidence: { listed: config.sites.privateSites, sites: sites.map((d) => ({ distribution: d.id, behaviours: d.behaviours.map((b) => ({ path: b.pathPattern, functions: b.functions })) })) } });
  },
};
