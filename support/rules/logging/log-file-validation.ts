import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type RuleMeta } from '../types';
import { homeTrails } from './facts';

export const meta: RuleMeta = {
  id: 'logging.log-file-validation',
  title: 'Every trail has log file validation on',
  domain: 'logging',
  severity: 'medium',
  cis: '3.2',
  rationale: 'With validation on, CloudTrail writes a signed digest file every hour; `aws cloudtrail validate-logs` then proves whether a log file was changed or deleted after delivery.',
  remediation: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
};

export const logFileValidation: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, { account, region }) {
    if (inventory.trails.kind === 'not-collected') return notVerified(inventory.trails.reason);
    const trails = homeTrails(inventory.trails.value);
    if (trails.length === 0) return notApplicable(`no trail has its home in ${region}`);
    const findings = trails
      .filter((t) => !t.logFileValidation)
      .map((t) => ({ resource: t.arn, account, region, problem: 'LogFileValidationEnabled is false: tampering with delivered log files cannot be detected' }));
    return verdictFrom({ findings, checked: trails.length, evidence: { trails: trails.map((t) => ({ trail: t.arn, logFileValidation: t.logFileValidation })) } });
  },
};
