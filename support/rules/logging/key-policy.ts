import type { PolicyDocument, PolicyStatement } from '../../inventory/types/s3';
import type { Control } from '../control';
import { isEveryone } from '../s3/facts';
import { notApplicable, notVerified, verdictFrom, type Finding, type RuleMeta } from '../types';
import { allowsAction, asArray, CLOUDTRAIL_SERVICE, homeTrails, namesService, wildcardMatch } from './facts';

export const meta: RuleMeta = {
  id: 'logging.trail-key-policy',
  title: "The trail's KMS key policy lets CloudTrail encrypt only for this trail",
  domain: 'logging',
  severity: 'medium',
  rationale:
    'A key policy that lets cloudtrail.amazonaws.com use the key without a condition lets any trail, in any account, encrypt with it (a confused deputy). An aws:SourceArn or kms:EncryptionContext:aws:cloudtrail:arn condition naming this trail confines it.',
  remediation:
    'In the key policy statement for cloudtrail.amazonaws.com (kms:GenerateDataKey*), add "Condition": {"StringEquals": {"aws:SourceArn": "<trail ARN>"}, "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": "<trail ARN>"}}',
};

const ENCRYPT_ACTION = 'kms:GenerateDataKey';
const SCOPING_KEYS = ['aws:sourcearn', 'kms:encryptioncontext:aws:cloudtrail:arn'];

export interface KeyPolicyVerdict {
  /** Statements that let CloudTrail (or everyone) encrypt, and whether each is confined to this trail. */
  grants: { sid: string; scopedBy: string | null; problem: string | null }[];
  problems: string[];
}

/** Other trails a condition must not match: another name in this account, and this name in another account. */
function otherTrails(trailArn: string): string[] {
  const [arn, partition, service, region, account, resource] = trailArn.split(':');
  return [[arn, partition, service, region, account, 'trail/another-trail'].join(':'), [arn, partition, service, region, account === '000000000000' ? '999999999999' : '000000000000', resource].join(':')];
}

/** Which scoping condition confines the statement to this trail, or why none does. */
function scoping(statement: PolicyStatement, trailArn: string): { scopedBy: string | null; problem: string | null } {
  const clauses = Object.entries(statement.Condition ?? {}).flatMap(([operator, clause]) =>
    Object.entries(clause).flatMap(([key, values]) => (SCOPING_KEYS.includes(key.toLowerCase()) ? [{ operator, key, values: asArray(values as string | string[]).map(String) }] : [])),
  );
  if (clauses.length === 0) return { scopedBy: null, problem: 'has no aws:SourceArn or kms:EncryptionContext:aws:cloudtrail:arn condition' };
  const broad: string[] = [];
  for (const { operator, key, values } of clauses) {
    const like = /like$/i.test(operator.replace(/IfExists$/, ''));
    const matches = (value: string, arn: string) => (like ? wildcardMatch(value, arn) : value === arn);
    if (operator.startsWith('ForAnyValue') || /^Not|^StringNot|^ArnNot/.test(operator)) continue;
    const matchesThis = values.length > 0 && values.every((v) => matches(v, trailArn));
    const matchesOthers = otherTrails(trailArn).some((other) => values.some((v) => matches(v, other)));
    if (matchesThis && !matchesOthers) return { scopedBy: `${operator} ${key} = ${values.join(', ')}`, problem: null };
    broad.push(`${operator} ${key} = ${values.join(', ')}${matchesThis ? ' also matches other trails' : ' does not match this trail'}`);
  }
  return { scopedBy: null, problem: `condition ${broad.join('; ')}` };
}

/** Pure: does this key policy let CloudTrail encrypt for `trailArn`, and only for it? */
export function judgeKeyPolicy(policy: PolicyDocument | null, trailArn: string): KeyPolicyVerdict {
  const statements = (policy?.Statement ?? []).filter((s) => s.Effect === 'Allow' && allowsAction(s, ENCRYPT_ACTION) && (namesService(s, CLOUDTRAIL_SERVICE) || isEveryone(s.Principal)));
  const grants = statements.map((s, i) => ({ sid: s.Sid ?? `statement ${i + 1}`, ...scoping(s, trailArn) }));
  const problems = grants.flatMap((g) => (g.problem ? [`key policy statement ${g.sid} lets ${CLOUDTRAIL_SERVICE} ${ENCRYPT_ACTION}* but ${g.problem}`] : []));
  if (grants.length === 0) problems.push(`key policy does not let ${CLOUDTRAIL_SERVICE} ${ENCRYPT_ACTION}*: CloudTrail cannot encrypt log files with it`);
  return { grants, problems };
}

export const trailKeyPolicy: Control<'logging'> = {
  meta,
  inventory: 'logging',
  evaluate(inventory, { account, region }) {
    if (inventory.trails.kind === 'not-collected') return notVerified(inventory.trails.reason);
    const trails = homeTrails(inventory.trails.value);
    if (trails.length === 0) return notApplicable(`no trail has its home in ${region}`);
    const findings: Finding[] = [];
    const unreadable: string[] = [];
    const examined = [];
    for (const trail of trails) {
      const key = trail.home!.key;
      if (!trail.kmsKeyId) {
        findings.push({ resource: trail.arn, account, region, problem: 'KmsKeyId is not set (SSE-S3): there is no key policy to confine CloudTrail to this trail' });
        continue;
      }
      if (key.kind === 'not-collected') {
        unreadable.push(key.reason);
        continue;
      }
      if (!key.value) {
        findings.push({ resource: trail.arn, account, region, problem: `KmsKeyId ${trail.kmsKeyId} names a key that does not exist` });
        continue;
      }
      if (key.value.policy.kind === 'not-collected') {
        unreadable.push(key.value.policy.reason);
        continue;
      }
      const verdict = judgeKeyPolicy(key.value.policy.value, trail.arn);
      examined.push({ trail: trail.arn, key: key.value.arn, ...verdict });
      for (const problem of verdict.problems) findings.push({ resource: key.value.arn, account, region, problem: `${problem} (trail ${trail.arn})` });
    }
    return verdictFrom({ findings, checked: trails.length, unreadable, evidence: { trails: examined } });
  },
};
