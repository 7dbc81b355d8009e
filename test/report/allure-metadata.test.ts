import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CIS_LINK, reportSection } from '../../support/config/sections/report';
import { allureMetadata, allureRuntimeMessage, cisLink } from '../../support/report/allure-metadata';

const report = reportSection.parse(undefined);
const facts = { scenario: 'Every bucket denies plain HTTP', feature: 'S3 bucket policies', uri: 'features/s3/bucket-policies.feature', tags: ['@domain:s3', '@cis:2.1.1', '@severity:medium'], account: '111122223333', regions: ['us-east-1', 'eu-west-1'] };
const labels = (m: ReturnType<typeof allureMetadata>, name: string) => m.labels.filter((l) => l.name === name).map((l) => l.value);

describe('Allure labels, links and parameters from tags and config', () => {
  test('story is the scenario; the suites are the CIS view: CIS v5.0.0 → section → id', () => {
    const m = allureMetadata(facts, report);
    assert.deepEqual(labels(m, 'story'), ['Every bucket denies plain HTTP']);
    assert.deepEqual(labels(m, 'parentSuite'), ['CIS v5.0.0']);
    assert.deepEqual(labels(m, 'suite'), ['2 Storage']);
    assert.deepEqual(labels(m, 'subSuite'), ['2.1.1 Every bucket denies plain HTTP']);
  });

  test('a control beyond CIS sits under its domain and feature', () => {
    const m = allureMetadata({ ...facts, tags: ['@domain:proxy', '@severity:high'], feature: 'Squid forward proxy' }, report);
    assert.deepEqual([labels(m, 'parentSuite'), labels(m, 'suite'), labels(m, 'subSuite')], [['Beyond CIS (by domain)'], ['proxy'], ['Squid forward proxy']]);
  });

  const severities: [string, string][] = [
    ['critical', 'blocker'],
    ['high', 'critical'],
    ['medium', 'normal'],
    ['low', 'minor'],
  ];
  for (const [ours, allure] of severities) {
    test(`severity ${ours} → Allure ${allure}, one vocabulary: not repeated as a tag`, () => {
      const m = allureMetadata({ ...facts, tags: ['@domain:s3', `@severity:${ours}`] }, report);
      assert.deepEqual(labels(m, 'severity'), [allure]);
      assert.deepEqual(labels(m, 'tag'), []);
    });
  }

  test('a CIS id becomes a link to a page about that id (no duplicate tag)', () => {
    const m = allureMetadata(facts, report);
    assert.deepEqual(labels(m, 'tag'), []);
    assert.deepEqual(m.links, [{ name: 'CIS AWS Foundations v5.0.0 2.1.1', url: DEFAULT_CIS_LINK.replace('{id}', '2.1.1'), type: 'cis' }]);
    assert.equal(cisLink('3.5', 'https://grc.example.com/controls/cis-{id}').url, 'https://grc.example.com/controls/cis-3.5');
  });

  test('no CIS tag, no CIS link', () => {
    const m = allureMetadata({ ...facts, tags: ['@domain:s3', '@severity:low'] }, report);
    assert.deepEqual(m.links, []);
    assert.ok(!labels(m, 'tag').some((t) => t.startsWith('CIS')));
  });

  test('account and regions are parameters; @exam scenarios name the sandbox instead', () => {
    assert.deepEqual(allureMetadata(facts, report).parameters, [
      { name: 'Account', value: '111122223333' },
      { name: 'Regions', value: 'us-east-1, eu-west-1' },
    ]);
    assert.deepEqual(allureMetadata({ ...facts, tags: [...facts.tags, '@exam'] }, report).parameters, [{ name: 'Account', value: 'exam sandbox (scratch emulated account)' }]);
  });

  test('owner: the domain owner wins over the default; none when the config names none', () => {
    assert.deepEqual(labels(allureMetadata(facts, report), 'owner'), []);
    const withOwner = reportSection.parse({ owner: 'cloud-security', owners: { network: 'netops' } });
    assert.deepEqual(labels(allureMetadata(facts, withOwner), 'owner'), ['cloud-security']);
    assert.deepEqual(labels(allureMetadata({ ...facts, tags: ['@domain:network'] }, withOwner), 'owner'), ['netops']);
  });

  test('the runtime message is what allure-cucumberjs applies to the test', () => {
    const [message] = JSON.parse(allureRuntimeMessage(allureMetadata(facts, report)));
    assert.equal(message.type, 'metadata');
    assert.ok(Array.isArray(message.data.labels) && Array.isArray(message.data.links) && Array.isArray(message.data.parameters));
  });

  test('the report config rejects a link that is not http(s)', () => {
    assert.throws(() => reportSection.parse({ cisLink: 'ftp://example.com' }));
  });
});
