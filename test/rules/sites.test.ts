import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostureConfig } from '../../support/config/load';
import type { CloudFrontInventory, DistributionFacts } from '../../support/inventory/types/cloudfront';
import type { AnyControl } from '../../support/rules/control';
import { sitesControls } from '../../support/rules/sites';
import { findingsOf, verdictOf, type Verdict } from '../../support/rules/types';
import { bucket, collected, denyHttp, inventory as s3Inventory, notCollected } from '../helpers/s3-inventory';

const config = parsePostureConfig('regions: [us-east-1]\nsites:\n  privateSites: [intranet.example.com]\n', 'test.yaml');
const strictConfig = parsePostureConfig('regions: [us-east-1]\nsites:\n  acceptDefaultCertificate: false\n', 'test.yaml');
const ACCOUNT = '111122223333';
const ARN = `arn:aws:cloudfront::${ACCOUNT}:distribution/E1`;

/** The article's distribution: OAC to the site bucket, HTTPS, TLSv1.2_2021, index.html. Cases change one fact. */
function distribution(overrides: Partial<DistributionFacts> = {}): DistributionFacts {
  return {
    id: 'E1',
    arn: ARN,
    domainName: 'd1.cloudfront.net',
    aliases: ['www.example.com'],
    enabled: true,
    defaultRootObject: 'index.html',
    origins: [{ id: 's3-site', domainName: 'site.s3.us-east-1.amazonaws.com', originAccessControlId: 'OAC1', s3OriginConfig: true }],
    behaviours: [
      { pathPattern: 'default', targetOriginId: 's3-site', viewerProtocolPolicy: 'redirect-to-https', functions: [] },
      { pathPattern: '/assets/*', targetOriginId: 's3-site', viewerProtocolPolicy: 'https-only', functions: [] },
    ],
    viewerCertificate: { cloudFrontDefaultCertificate: false, minimumProtocolVersion: 'TLSv1.2_2021', acmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/x' },
    ...overrides,
  };
}

const readByDistribution = (arn = ARN, condition: Record<string, Record<string, unknown>> | null = { StringEquals: { 'AWS:SourceArn': arn } }) => ({
  Sid: 'AllowCloudFront',
  Effect: 'Allow' as const,
  Principal: { Service: 'cloudfront.amazonaws.com' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::site/*',
  ...(condition ? { Condition: condition } : {}),
});
const siteBucket = (overrides = {}) => bucket('site', { policy: collected({ Statement: [denyHttp('site'), readByDistribution()] }), ...overrides });

function inventory(distributions: DistributionFacts[], buckets = [siteBucket()]): CloudFrontInventory {
  return { account: ACCOUNT, distributions: collected(distributions), s3: s3Inventory(buckets) };
}
const unreadable: CloudFrontInventory = { account: ACCOUNT, distributions: notCollected('CloudFront ListDistributions: AccessDenied'), s3: s3Inventory([]) };
const withFunction = (d: DistributionFacts, paths: string[]) => ({
  ...d,
  aliases: ['intranet.example.com'],
  behaviours: d.behaviours.map((b) => (paths.includes(b.pathPattern) ? { ...b, functions: [{ kind: 'lambda-edge' as const, eventType: 'viewer-request', arn: 'arn:aws:lambda:us-east-1:111122223333:function:auth:1' }] } : b)),
});

interface Case {
  name: string;
  inventory: CloudFrontInventory;
  verdict: Verdict;
  findings?: [resource: string, problem: RegExp][];
  config?: typeof config;
}

const TABLES: [AnyControl, Case[]][] = [
  [
    sitesControls.s3OriginAccessControl,
    [
      { name: 'OAC on the REST endpoint', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'legacy OAI still restricts access (named by its own control)', inventory: inventory([distribution({ origins: [{ id: 's3-site', domainName: 'site.s3.amazonaws.com', originAccessIdentity: 'origin-access-identity/cloudfront/E2', s3OriginConfig: true }] })]), verdict: 'compliant' },
      { name: 'no origin access', inventory: inventory([distribution({ origins: [{ id: 's3-site', domainName: 'site.s3.us-east-1.amazonaws.com', s3OriginConfig: true }] })]), verdict: 'non-compliant', findings: [[ARN, /has no Origin Access Control/]] },
      { name: 'website endpoint origin', inventory: inventory([distribution({ origins: [{ id: 's3-site', domainName: 'site.s3-website-us-east-1.amazonaws.com', s3OriginConfig: false }] })]), verdict: 'non-compliant', findings: [[ARN, /website endpoint of site/]] },
      { name: 'custom origins are not S3', inventory: inventory([distribution({ origins: [{ id: 'api', domainName: 'api.example.com', s3OriginConfig: false }] })]), verdict: 'compliant' },
      { name: 'unreadable', inventory: unreadable, verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.noLegacyOriginAccessIdentity,
    [
      { name: 'OAC', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'OAI', inventory: inventory([distribution({ origins: [{ id: 's3-site', domainName: 'site.s3.amazonaws.com', originAccessIdentity: 'origin-access-identity/cloudfront/E2', s3OriginConfig: true }] })]), verdict: 'non-compliant', findings: [[ARN, /legacy origin-access-identity\/cloudfront\/E2: migrate/]] },
      { name: 'unreadable', inventory: unreadable, verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.originBucketPrivate,
    [
      { name: 'only this distribution reads', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'the emulator ARN form (no empty region field) names the same distribution', inventory: inventory([distribution()], [siteBucket({ policy: collected({ Statement: [readByDistribution(`arn:aws:cloudfront:${ACCOUNT}:distribution/E1`)] }) })]), verdict: 'compliant' },
      { name: 'no AWS:SourceArn: any distribution', inventory: inventory([distribution()], [siteBucket({ policy: collected({ Statement: [readByDistribution(ARN, null)] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::site', /does not let/], ['arn:aws:s3:::site', /any distribution could/]] },
      { name: 'another distribution is named', inventory: inventory([distribution()], [siteBucket({ policy: collected({ Statement: [readByDistribution(`arn:aws:cloudfront::${ACCOUNT}:distribution/E9`)] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::site', /does not let cloudfront.amazonaws.com with AWS:SourceArn/]] },
      { name: 'public read besides', inventory: inventory([distribution()], [siteBucket({ policy: collected({ Statement: [readByDistribution(), { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::site', /Public allows everyone/]] },
      { name: 'website hosting on and Block Public Access off', inventory: { account: ACCOUNT, distributions: collected([distribution()]), s3: s3Inventory([siteBucket({ website: collected({ indexDocument: 'index.html' }), publicAccessBlock: collected(null) })], null) }, verdict: 'non-compliant', findings: [['arn:aws:s3:::site', /Block Public Access BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets not in effect/], ['arn:aws:s3:::site', /website hosting is on/]] },
      { name: 'OAI granted by its principal', inventory: inventory([distribution({ origins: [{ id: 's3-site', domainName: 'site.s3.amazonaws.com', originAccessIdentity: 'origin-access-identity/cloudfront/E2', s3OriginConfig: true }] })], [siteBucket({ policy: collected({ Statement: [{ ...readByDistribution(ARN, null), Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2' } }] }) })]), verdict: 'compliant' },
      { name: 'origin bucket in another account', inventory: inventory([distribution()], []), verdict: 'not-verified' },
      { name: 'policy unreadable', inventory: inventory([distribution()], [siteBucket({ policy: notCollected('site: GetBucketPolicy: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.viewerHttps,
    [
      { name: 'redirect and https-only', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'one behaviour allows HTTP', inventory: inventory([distribution({ behaviours: [distribution().behaviours[0], { ...distribution().behaviours[1], viewerProtocolPolicy: 'allow-all' }] })]), verdict: 'non-compliant', findings: [[ARN, /cache behaviour \/assets\/\* allows HTTP/]] },
      { name: 'unreadable', inventory: unreadable, verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.minimumTls,
    [
      { name: 'TLSv1.2_2021', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'newer than the bar', inventory: inventory([distribution({ viewerCertificate: { cloudFrontDefaultCertificate: false, minimumProtocolVersion: 'TLSv1.3_2025' } })]), verdict: 'compliant' },
      { name: 'TLSv1.2_2019 is below the bar', inventory: inventory([distribution({ viewerCertificate: { cloudFrontDefaultCertificate: false, minimumProtocolVersion: 'TLSv1.2_2019' } })]), verdict: 'non-compliant', findings: [[ARN, /TLSv1.2_2019 is below TLSv1.2_2021/]] },
      { name: 'default certificate accepted by config', inventory: inventory([distribution({ viewerCertificate: { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' } })]), verdict: 'compliant' },
      { name: 'default certificate refused by config', config: strictConfig, inventory: inventory([distribution({ viewerCertificate: { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' } })]), verdict: 'non-compliant', findings: [[ARN, /default \*.cloudfront.net certificate/]] },
      { name: 'unreadable', inventory: unreadable, verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.defaultRootObject,
    [
      { name: 'index.html', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'none', inventory: inventory([distribution({ defaultRootObject: '' })]), verdict: 'non-compliant', findings: [[ARN, /no default root object/]] },
      { name: 'an API distribution needs none', inventory: inventory([distribution({ defaultRootObject: '', origins: [{ id: 's3-site', domainName: 'api.example.com', s3OriginConfig: false }] })]), verdict: 'compliant' },
      { name: 'unreadable', inventory: unreadable, verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.privateSiteViewerFunction,
    [
      { name: 'function on every behaviour', inventory: inventory([withFunction(distribution(), ['default', '/assets/*'])]), verdict: 'compliant' },
      { name: 'a site not listed needs none', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'CloudFront Function counts', inventory: inventory([{ ...withFunction(distribution(), ['default']), behaviours: withFunction(distribution(), ['default']).behaviours.map((b) => ({ ...b, functions: [{ kind: 'cloudfront-function' as const, eventType: 'viewer-request', arn: 'arn:aws:cloudfront::111122223333:function/auth' }] })) }]), verdict: 'compliant' },
      { name: 'one behaviour without', inventory: inventory([withFunction(distribution(), ['default'])]), verdict: 'non-compliant', findings: [[ARN, /cache behaviour \/assets\/\* has no viewer-request function/]] },
      { name: 'a viewer-response function does not check viewers', inventory: inventory([{ ...withFunction(distribution(), []), behaviours: distribution().behaviours.map((b) => ({ ...b, functions: [{ kind: 'lambda-edge' as const, eventType: 'viewer-response', arn: 'x' }] })) }]), verdict: 'non-compliant', findings: [[ARN, /default cache behaviour has no viewer-request/], [ARN, /\/assets\/\*/]] },
      { name: 'unreadable', inventory: unreadable, verdict: 'not-verified' },
    ],
  ],
  [
    sitesControls.websiteBucketBehindDistribution,
    [
      { name: 'no website buckets', inventory: inventory([distribution()]), verdict: 'compliant' },
      { name: 'public website with no distribution', inventory: inventory([], [bucket('www', { website: collected({ indexDocument: 'index.html' }), policy: collected({ Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::www/*' }] }) })]), verdict: 'non-compliant', findings: [['arn:aws:s3:::www', /no CloudFront distribution in front/]] },
      { name: 'public website behind a distribution (its origin is judged by the OAC control)', inventory: inventory([distribution({ origins: [{ id: 's3-site', domainName: 'www.s3-website-us-east-1.amazonaws.com', s3OriginConfig: false }] })], [bucket('www', { website: collected({ indexDocument: 'index.html' }), policy: collected({ Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::www/*' }] }) })]), verdict: 'compliant' },
      { name: 'private website configuration is no public site', inventory: inventory([], [bucket('www', { website: collected({ indexDocument: 'index.html' }) })]), verdict: 'compliant' },
      { name: 'unreadable website configuration', inventory: inventory([], [bucket('www', { website: notCollected('www: GetBucketWebsite: AccessDenied') })]), verdict: 'not-verified' },
    ],
  ],
];

for (const [control, cases] of TABLES) {
  describe(control.meta.id, () => {
    assert.ok(['compliant', 'non-compliant', 'not-verified'].every((v) => cases.some((c) => c.verdict === v)), 'each rule has compliant, non-compliant and not-verified cases');
    for (const c of cases) {
      test(c.name, () => {
        const result = control.evaluate(c.inventory, { account: ACCOUNT, region: 'global', config: c.config ?? config });
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
