import type { Control } from '../control';
import { verdictFrom, type Finding, type RuleMeta } from '../types';

export const meta: RuleMeta = {
  id: 'iam.access-analyzer',
  title: 'IAM Access Analyzer is enabled in every audited region',
  domain: 'iam',
  severity: 'medium',
  cis: '1.19',
  rationale: 'Access Analyzer finds resources shared outside the account (or organization) — buckets, keys, roles, queues — as soon as a policy makes them so; it is regional and free for external access.',
  remediation: 'aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region <region> (ORGANIZATION from the delegated administrator).',
};

export const accessAnalyzer: Control<'iam'> = {
  meta,
  inventory: 'iam',
  evaluate(inventory, { account }) {
    const findings: Finding[] = [];
    const missing: string[] = [];
    for (const { region, analyzers } of inventory.accessAnalyzers) {
      if (analyzers.kind === 'not-collected') {
        missing.push(analyzers.reason);
        continue;
      }
      if (!analyzers.value.some((a) => a.status === 'ACTIVE')) {
        findings.push({ resource: `arn:aws:access-analyzer:${region}:${account}:analyzer/*`, account, region, problem: analyzers.value.length === 0 ? 'no IAM Access Analyzer analyzer' : `no ACTIVE analyzer (${analyzers.value.map((a) => `${a.name}: ${a.status}`).join(', ')})` });
      }
    }
    return verdictFrom({ findings, checked: inventory.accessAnalyzers.length, unreadable: missing, evidence: { analyzers: inventory.accessAnalyzers } });
  },
};
