import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import { collected, notCollected } from '../../support/inventory/collected';
import type { ImagesInventory } from '../../support/inventory/types/images';
import type { AnyControl } from '../../support/rules/control';
import { ec2Controls } from '../../support/rules/ec2';
import { findingsOf, verdictOf, type Verdict } from '../../support/rules/types';

const config = parsePostureConfig('regions: [us-east-1]\nec2:\n  trustedImageOwners: [aws-marketplace, "999900001111"]\n', 'test.yaml');
const ACCOUNT = '111122223333';
const INSTANCE = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`;
const SNAPSHOT = 'arn:aws:ec2:us-east-1::snapshot/snap-1';

/** One instance on Amazon Linux, one private AMI and snapshot, sharing blocked: every control holds. */
function inventory(overrides: Partial<ImagesInventory> = {}): ImagesInventory {
  return {
    account: ACCOUNT,
    region: 'us-east-1',
    instances: collected([{ instanceId: 'i-1', arn: INSTANCE, state: 'running', imageId: 'ami-1' }]),
    launchImages: collected({ 'ami-1': { imageId: 'ami-1', ownerId: '137112412989', ownerAlias: 'amazon', name: 'al2023' } }),
    ownImages: collected([{ imageId: 'ami-own', arn: 'arn:aws:ec2:us-east-1::image/ami-own', public: false }]),
    ownSnapshots: collected([{ snapshotId: 'snap-1', arn: SNAPSHOT, createVolumePermission: collected({ groups: [], userIds: [] }) }]),
    imageBlockPublicAccess: collected('block-new-sharing'),
    snapshotBlockPublicAccess: collected('block-all-sharing'),
    ...overrides,
  };
}
const launchedFrom = (image: ImagesInventory['launchImages']) => inventory({ launchImages: image });

interface Case {
  name: string;
  inventory: ImagesInventory;
  verdict: Verdict;
  findings?: [resource: string, problem: RegExp][];
}

const TABLES: [AnyControl, Case[]][] = [
  [
    ec2Controls.imageProvenance,
    [
      { name: 'Amazon AMI', inventory: inventory(), verdict: 'compliant' },
      { name: 'own AMI', inventory: launchedFrom(collected({ 'ami-1': { imageId: 'ami-1', ownerId: ACCOUNT } })), verdict: 'compliant' },
      { name: 'Marketplace alias listed', inventory: launchedFrom(collected({ 'ami-1': { imageId: 'ami-1', ownerId: '679593333241', ownerAlias: 'aws-marketplace' } })), verdict: 'compliant' },
      { name: 'owner id listed', inventory: launchedFrom(collected({ 'ami-1': { imageId: 'ami-1', ownerId: '999900001111' } })), verdict: 'compliant' },
      { name: 'community AMI named with its owner', inventory: launchedFrom(collected({ 'ami-1': { imageId: 'ami-1', ownerId: '444455556666', name: 'free-tools', public: true } })), verdict: 'non-compliant', findings: [[INSTANCE, /ami-1 \(free-tools\) owned by 444455556666/]] },
      { name: 'AMI no longer describable', inventory: launchedFrom(collected({ 'ami-1': null })), verdict: 'non-compliant', findings: [[INSTANCE, /can no longer be described/]] },
      { name: 'images unreadable', inventory: launchedFrom(notCollected('EC2 DescribeImages: AccessDenied')), verdict: 'not-verified' },
      { name: 'instances unreadable', inventory: inventory({ instances: notCollected('EC2 DescribeInstances: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    ec2Controls.noPublicImages,
    [
      { name: 'private AMI', inventory: inventory(), verdict: 'compliant' },
      { name: 'public AMI', inventory: inventory({ ownImages: collected([{ imageId: 'ami-own', arn: 'arn:aws:ec2:us-east-1::image/ami-own', name: 'golden', public: true }]) }), verdict: 'non-compliant', findings: [['arn:aws:ec2:us-east-1::image/ami-own', /ami-own \(golden\) is public/]] },
      { name: 'unreadable', inventory: inventory({ ownImages: notCollected('EC2 DescribeImages: AccessDenied') }), verdict: 'not-verified' },
    ],
  ],
  [
    ec2Controls.noPublicSnapshots,
    [
      { name: 'private snapshot', inventory: inventory(), verdict: 'compliant' },
      { name: 'shared with one account only', inventory: inventory({ ownSnapshots: collected([{ snapshotId: 'snap-1', arn: SNAPSHOT, createVolumePermission: collected({ groups: [], userIds: ['999900001111'] }) }]) }), verdict: 'compliant' },
      { name: 'public snapshot', inventory: inventory({ ownSnapshots: collected([{ snapshotId: 'snap-1', arn: SNAPSHOT, createVolumePermission: collected({ groups: ['all'], userIds: [] }) }]) }), verdict: 'non-compliant', findings: [[SNAPSHOT, /snap-1 is public/]] },
      { name: 'attribute unreadable', inventory: inventory({ ownSnapshots: collected([{ snapshotId: 'snap-1', arn: SNAPSHOT, createVolumePermission: notCollected('EC2 DescribeSnapshotAttribute: AccessDenied') }]) }), verdict: 'not-verified' },
    ],
  ],
  [
    ec2Controls.blockPublicSharing,
    [
      { name: 'both blocked', inventory: inventory(), verdict: 'compliant' },
      { name: 'snapshots block new sharing', inventory: inventory({ snapshotBlockPublicAccess: collected('block-new-sharing') }), verdict: 'compliant' },
      { name: 'both unblocked', inventory: inventory({ imageBlockPublicAccess: collected('unblocked'), snapshotBlockPublicAccess: collected('unblocked') }), verdict: 'non-compliant', findings: [[`arn:aws:ec2:us-east-1:${ACCOUNT}:image-block-public-access`, /AMIs is unblocked/], [`arn:aws:ec2:us-east-1:${ACCOUNT}:snapshot-block-public-access`, /snapshots is unblocked/]] },
      { name: 'the API is missing (emulator)', inventory: inventory({ imageBlockPublicAccess: notCollected('EC2 GetImageBlockPublicAccessState: Error') }), verdict: 'not-verified' },
    ],
  ],
];

for (const [control, cases] of TABLES) {
  describe(control.meta.id, () => {
    assert.ok(['compliant', 'non-compliant', 'not-verified'].every((v) => cases.some((c) => c.verdict === v)), 'each rule has compliant, non-compliant and not-verified cases');
    for (const c of cases) {
      test(c.name, () => {
        const result = control.evaluate(c.inventory, { account: ACCOUNT, region: 'us-east-1', config });
        assert.equal(verdictOf(result), c.verdict, JSON.stringify(result));
        if (c.findings) {
          const findings = findingsOf(result);
          assert.deepEqual(findings.map((f) => f.resource), c.findings.map(([resource]) => resource));
          c.findings.forEach(([, problem], i) => assert.match(findings[i].problem, problem));
        }
      });
    }
  });
}
