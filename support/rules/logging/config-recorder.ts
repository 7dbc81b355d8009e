import type { Control } from '../control';
import { notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { loggingRegionGate } from './facts';

const configArn = (account: string, region: string, name: string) => `arn:aws:config:${region}:${account}:configuration-recorder/${name}`;

export const recordsEverythingMeta: RuleMeta = {
  id: 'logging.config-records-all-types',
  title: 'AWS Config records all supported resource types, global ones included, in every audited region',
  domain: 'logging',
  severity: 'medium',
  cis: '3.3',
  rationale:
    'AWS Config keeps the configuration history of each resource and evaluates rules against it. A recorder limited to some types, or without global types (IAM users, roles, policies), leaves changes unrecorded. The CIS audit checks allSupported and includeGlobalResourceTypes in each region.',
  remediation:
    'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role> --recording-group allSupported=true,includeGlobalResourceTypes=true',
};

export const configRecordsAllTypes: Control<'logging'> = {
  meta: recordsEverythingMeta,
  inventory: 'logging',
  evaluate(inventory, { account, region, config }) {
    const gate = loggingRegionGate(config, region);
    if (gate) return gate;
    const { recorders } = inventory.config;
    if (recorders.kind === 'not-collected') return notVerified(recorders.reason);
    const findings: Finding[] = [];
    if (recorders.value.length === 0) findings.push({ resource: configArn(account, region, '*'), account, region, problem: `no AWS Config recorder in ${region}` });
    for (const r of recorders.value) {
      const problems = [
        ...(r.allSupported ? [] : [`allSupported is false (records ${r.strategy ?? 'a subset'}: ${r.resourceTypes.join(', ') || 'listed types only'})`]),
        ...(r.includeGlobalResourceTypes ? [] : ['includeGlobalResourceTypes is false (IAM users, roles, groups and policies are not recorded)']),
      ];
      if (problems.length > 0) findings.push({ resource: configArn(account, region, r.name), account, region, problem: problems.join('; ') });
    }
    return verdictFrom({ findings, checked: recorders.value.length, evidence: { region, recorders: recorders.value } });
  },
};

export const recordingMeta: RuleMeta = {
  id: 'logging.config-recording',
  title: 'The AWS Config recorder is recording in every audited region',
  domain: 'logging',
  severity: 'medium',
  cis: '3.3',
  rationale: 'A configured recorder that is stopped records nothing: configuration changes made while it is off are never seen.',
  remediation: 'aws configservice start-configuration-recorder --configuration-recorder-name default',
};

export const configRecording: Control<'logging'> = {
  meta: recordingMeta,
  inventory: 'logging',
  evaluate(inventory, { account, region, config }) {
    const gate = loggingRegionGate(config, region);
    if (gate) return gate;
    const { statuses } = inventory.config;
    if (statuses.kind === 'not-collected') return notVerified(statuses.reason);
    const findings: Finding[] = [];
    if (statuses.value.length === 0) findings.push({ resource: configArn(account, region, '*'), account, region, problem: `no AWS Config recorder in ${region}, so nothing is recording` });
    for (const s of statuses.value) {
      if (!s.recording) findings.push({ resource: configArn(account, region, s.name), account, region, problem: `recording is false (last status ${s.lastStatus ?? 'unknown'}${s.lastErrorCode ? `, error ${s.lastErrorCode}` : ''})` });
    }
    return verdictFrom({ findings, checked: statuses.value.length, evidence: { region, statuses: statuses.value } });
  },
};

export const deliveryMeta: RuleMeta = {
  id: 'logging.config-delivery-channel',
  title: 'AWS Config has a delivery channel to S3 in every audited region',
  domain: 'logging',
  severity: 'medium',
  rationale: 'The delivery channel is where AWS Config writes configuration snapshots and history files; without one, a recorder cannot start and nothing is kept outside the service.',
  remediation: 'aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>',
};

export const configDeliveryChannel: Control<'logging'> = {
  meta: deliveryMeta,
  inventory: 'logging',
  evaluate(inventory, { account, region, config }) {
    const gate = loggingRegionGate(config, region);
    if (gate) return gate;
    const { deliveryChannels } = inventory.config;
    if (deliveryChannels.kind === 'not-collected') return notVerified(deliveryChannels.reason);
    const toS3 = deliveryChannels.value.filter((d) => d.s3BucketName);
    const findings: Finding[] =
      toS3.length > 0
        ? []
        : [{ resource: `arn:aws:config:${region}:${account}:delivery-channel/*`, account, region, problem: `no AWS Config delivery channel to an S3 bucket in ${region}` }];
    return verdictFrom({ findings, checked: deliveryChannels.value.length, evidence: { region, deliveryChannels: deliveryChannels.value } });
  },
};
