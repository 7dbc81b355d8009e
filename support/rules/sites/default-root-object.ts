import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';
import { distributionsOf, isRuleResult, label, s3Origins } from './facts';

export const meta: RuleMeta = {
  id: 'sites.default-root-object',
  title: 'Every distribution serving an S3 site has a default root object',
  domain: 'sites',
  severity: 'low',
  rationale: 'Without a default root object a request for the site root goes to the bucket itself: with OAC it is refused, and a bucket readable with ListBucket would list its keys.',
  remediation: 'Set DefaultRootObject (e.g. index.html) on the distribution.',
};

export const defaultRootObject: Control<'cloudfront'> = {
  meta,
  inventory: 'cloudfront',
  evaluate(inventory, { account }) {
    const distributions = distributionsOf(inventory);
    if (isRuleResult(distributions)) return distributions;
    const sites = distributions.filter((d) => {
      const target = d.behaviours.find((b) => b.pathPattern === 'default')?.targetOriginId;
      return s3Origins(d).some((o) => o.origin.id === target);
    });
    const findings: Finding[] = sites
      .filter((d) => d.defaultRootObject.trim() === '')
      .map((d) => ({ resource: d.arn, account, region: 'global', problem: `${label(d)}: no default root object: a request for / is not served index.html` }));
    return verdictFrom({ findings, checked: sites.length, evidence: { sites: sites.map((d) => ({ distribution: d.id, defaultRootObject: d.defaultRootObject })) } });
  },
};
