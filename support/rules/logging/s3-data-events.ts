import type { AdvancedField, DataEventSelection, TrailFacts } from '../../inventory/types/logging';
import type { Control } from '../control';
import { notApplicable, notVerified, verdictFrom, type RuleMeta } from '../types';

type Access = 'write' | 'read';

/**
 * Does this selection record S3 object-level `access` events for every bucket? Classic: a selector with
 * DataResources AWS::S3::Object on "arn:aws:s3" (or "arn:aws:s3:::", all buckets) and ReadWriteType All or
 * WriteOnly / ReadOnly. Advanced: eventCategory = Data, resources.type = AWS::S3::Object, readOnly absent or
 * false / true, and no other field narrowing it (a resources.ARN or eventName condition covers only part).
 */
export function recordsS3ObjectEvents(selection: DataEventSelection, access: Access): boolean {
  const wanted = access === 'write' ? 'WriteOnly' : 'ReadOnly';
  const classic = selection.classic.some(
    (s) => (s.readWriteType === 'All' || s.readWriteType === wanted) && s.dataResources.some((d) => d.type === 'AWS::S3::Object' && d.values.some((v) => v === 'arn:aws:s3' || v === 'arn:aws:s3:::')),
  );
  return classic || selection.advanced.some((s) => advancedCoversAll(s.fields, access));
}

function advancedCoversAll(fields: readonly AdvancedField[], access: Access): boolean {
  const only = (f: AdvancedField | undefined, value: string) => f !== undefined && f.equals?.length === 1 && f.equals[0] === value && !f.startsWith && !f.endsWith && !f.notEquals && !f.notStartsWith && !f.notEndsWith;
  const field = (name: string) => fields.find((f) => f.field === name);
  if (!only(field('eventCategory'), 'Data') || !only(field('resources.type'), 'AWS::S3::Object')) return false;
  const readOnly = field('readOnly');
  if (readOnly && !only(readOnly, access === 'write' ? 'false' : 'true')) return false;
  return fields.every((f) => ['eventCategory', 'resources.type', 'readOnly'].includes(f.field));
}

/**
 * Judged where each multi-region trail's selectors were read (its home region, by its owner). A region
 * that only sees other regions' trails leaves the verdict to their home regions.
 */
function s3DataEvents(access: Access, meta: RuleMeta): Control<'logging'> {
  const label = access === 'write' ? 'write (PutObject, DeleteObject, …)' : 'read (GetObject, …)';
  return {
    meta,
    inventory: 'logging',
    evaluate(inventory, { account, region }) {
      if (inventory.trails.kind === 'not-collected') return notVerified(inventory.trails.reason);
      const multiRegion = inventory.trails.value.filter((t) => t.isMultiRegion);
      const here = multiRegion.filter((t) => t.home !== null);
      const unreadable: string[] = [];
      const judged = here.map((trail) => ({ trail, records: recorded(trail, access, unreadable) }));
      const evidence = { region, trails: judged.map((j) => ({ trail: j.trail.arn, records: j.records, selectors: j.trail.home?.eventSelectors.kind === 'collected' ? j.trail.home.eventSelectors.value.data ?? null : null })) };
      if (judged.some((j) => j.records === true)) return verdictFrom({ findings: [], checked: here.length, evidence });
      if (multiRegion.some((t) => t.home === null)) return notApplicable(`the multi-region trails seen in ${region} are judged in their home region`, evidence);
      const findings =
        here.length === 0
          ? [{ resource: `arn:aws:cloudtrail:${region}:${account}:trail/*`, account, region, problem: `no multi-region trail: S3 object-level ${label} events are not recorded` }]
          : judged.filter((j) => j.records === false).map((j) => ({ resource: j.trail.arn, account, region, problem: `${j.trail.name} does not record S3 object-level ${label} events for all buckets` }));
      return verdictFrom({ findings, checked: here.length, unreadable, evidence });
    },
  };
}

/** true/false, or null (and a reason) when the trail's selectors were not read. */
function recorded(trail: TrailFacts, access: Access, unreadable: string[]): boolean | null {
  const selectors = trail.home?.eventSelectors;
  if (!selectors || selectors.kind === 'not-collected') {
    unreadable.push(selectors?.kind === 'not-collected' ? selectors.reason : `${trail.arn}: event selectors not read`);
    return null;
  }
  // Whether the trail is logging at all is CIS 3.1's question (the organization-trail scenario).
  return selectors.value.data !== undefined && recordsS3ObjectEvents(selectors.value.data, access);
}

const common = {
  domain: 'logging',
  severity: 'medium' as const,
  remediation: 'aws cloudtrail put-event-selectors --trail-name <multi-region trail> --advanced-event-selectors \'[{"Name":"S3 objects","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]\' (or classic DataResources AWS::S3::Object arn:aws:s3).',
};

export const s3WriteDataEvents = s3DataEvents('write', {
  ...common,
  id: 'logging.s3-object-write-events',
  title: 'A multi-region trail records S3 object-level write events for all buckets',
  cis: '3.8',
  rationale: 'Management events do not include PutObject or DeleteObject: who changed or deleted an object is only known when a trail records S3 data events (ReadWriteType All or WriteOnly, or an advanced selector without readOnly=true).',
});

export const s3ReadDataEvents = s3DataEvents('read', {
  ...common,
  id: 'logging.s3-object-read-events',
  title: 'A multi-region trail records S3 object-level read events for all buckets',
  cis: '3.9',
  rationale: 'Who read an object (GetObject) is only known when a trail records S3 data read events (ReadWriteType All or ReadOnly, or an advanced selector without readOnly=false): the record an exfiltration investigation needs.',
});
