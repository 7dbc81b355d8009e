import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { datedSentences, parseFeature, type GuideDomain } from '../../support/report/study-guide/model';
import { establishedBy, renderHtml, renderMarkdown } from '../../support/report/study-guide/render';
import { resultsFromMessages, scenarioStatus, type LatestResults } from '../../support/report/study-guide/status';

const FEATURE = `@domain:s3 @exam
Feature: S3 consistency (exam)
  S3 gives strong read-after-write consistency for every request since December 2020 (older notes said
  S3 was eventually consistent; that is outdated). Presigned URLs expire.
  # source: https://aws.amazon.com/s3/consistency/

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel
  @severity:low @cis:2.1.4
  Scenario: A read after a write returns the new object
    Given a bucket holding an object
    When the object is overwritten
    Then a read returns the new content

  # outdated: S3 was eventually consistent for overwrite PUTs
  @severity:low @source:https://example.com/notes
  Scenario Outline: Reading <what> after writing it
    Then reading <what> returns it

    Examples:
      | what    |
      | objects |
      | lists   |
`;

describe('study guide from the feature files', () => {
  const feature = parseFeature(FEATURE, 'features/s3/consistency.feature');
  assert.ok(feature);

  test('domain, narrative and exam flag from the Feature', () => {
    assert.equal(feature.domain, 's3');
    assert.equal(feature.exam, true);
    assert.match(feature.narrative, /^S3 gives strong read-after-write consistency/);
  });

  test('scenarios with steps, CIS id, severity and outline rows', () => {
    const [first, outline] = feature.scenarios;
    assert.deepEqual(first.steps.map((s) => `${s.keyword} ${s.text}`), ['Given a bucket holding an object', 'When the object is overwritten', 'Then a read returns the new content']);
    assert.deepEqual(first.cis, ['2.1.4']);
    assert.equal(first.severity, 'low');
    assert.equal(first.exam, true);
    assert.deepEqual(outline.pickleNames, ['Reading objects after writing it', 'Reading lists after writing it']);
    assert.deepEqual(outline.examples[0].rows, [['what'], ['objects'], ['lists']]);
  });

  test('sources from tags and comments, each on its own scenario', () => {
    const [first, outline] = feature.scenarios;
    assert.deepEqual(first.sources, ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel']);
    assert.deepEqual(outline.sources, ['https://example.com/notes']);
    assert.deepEqual(outline.dated, ['Outdated: S3 was eventually consistent for overwrite PUTs']);
  });

  test('dated facts: the sentence stating today with the outdated claim', () => {
    assert.equal(feature.dated.length, 1);
    assert.match(feature.dated[0], /since December 2020 \(older notes said S3 was eventually consistent; that is outdated\)/);
    assert.deepEqual(datedSentences('The Lambda limit is 900 seconds. Older notes said 300 s; that is outdated. Nothing else.'), ['Older notes said 300 s; that is outdated.']);
    assert.deepEqual(datedSentences('No dates here. None at all.'), []);
  });

  const results: LatestResults = {
    source: 'test',
    environment: { Target: 'emulator', Estate: 'demo', Finished: '2026-11-23T17:00:00.000Z' },
    outcomes: new Map([
      ['features/s3/consistency.feature#A read after a write returns the new object', [{ outcome: 'passed' }]],
      ['features/s3/consistency.feature#Reading objects after writing it', [{ outcome: 'passed' }]],
      ['features/s3/consistency.feature#Reading lists after writing it', [{ outcome: 'suite-error', message: 'boom' }]],
    ]),
  };

  test('status per scenario: the worst of its runs; not run when absent', () => {
    const [first, outline] = feature.scenarios;
    assert.deepEqual(scenarioStatus(results, feature, first), { outcome: 'passed', runs: 1, message: undefined });
    assert.equal(scenarioStatus(results, feature, outline).outcome, 'suite-error');
    assert.equal(scenarioStatus(results, feature, outline).runs, 2);
    assert.equal(scenarioStatus(undefined, feature, first).outcome, 'not-run');
  });

  test('Markdown and HTML list every exam scenario with its status, steps, CIS id and sources', () => {
    const domains: GuideDomain[] = [{ name: 's3', features: [feature] }];
    const input = { domains, results, generatedAt: new Date('2026-11-23T18:00:00Z') };
    const markdown = renderMarkdown(input);
    assert.match(markdown, /## Exam scenarios \(2\)/);
    assert.match(markdown, /A read after a write returns the new object\]\(#s3-a-read-after-a-write-returns-the-new-object\) \| ✔ observed on the emulator \|/);
    assert.match(markdown, /\*\*Established:\*\* observed on the emulator/);
    assert.match(markdown, /^### S3 consistency \(exam\)$/m, 'one "(exam)" in the heading');
    assert.doesNotMatch(markdown, /\(exam\) \(exam\)/);
    assert.match(markdown, /Reading <what> after writing it.* \| ! suite error \(2 runs\) \|/);
    assert.match(markdown, /\*\*CIS v5\.0\.0:\*\* 2\.1\.4/);
    assert.match(markdown, /\*\*Source:\*\* https:\/\/docs\.aws\.amazon\.com/);
    assert.match(markdown, /Given a bucket holding an object/);
    assert.match(markdown, /## Dated facts/);
    assert.match(markdown, /demo estate/);
    const html = renderHtml(input);
    assert.match(html, /<tr class="exam-row"><td>s3<\/td><td><a href="#s3-a-read-after-a-write-returns-the-new-object">A read after a write returns the new object<\/a><\/td><td class="status s-passed">✔ observed on the emulator<\/td><\/tr>/);
    assert.match(html, /Reading &lt;what&gt; after writing it/);
    assert.match(html, /<a href="https:\/\/example\.com\/notes">/);
    assert.match(html, /class="cis">2\.1\.4</);
  });

  test('how a fact was established: the emulator, the suite\'s evaluator, or its sources only', () => {
    const passed = { outcome: 'passed' as const, runs: 1 };
    assert.equal(establishedBy(passed, undefined), 'observed on the emulator');
    assert.equal(establishedBy(passed, 'emulator'), 'observed on the emulator');
    assert.equal(establishedBy(passed, 'evaluator'), "decided by the suite's evaluator");
    assert.equal(establishedBy({ outcome: 'not-run', runs: 0 }, 'emulator'), 'sourced only');
    assert.equal(establishedBy({ outcome: 'suite-error', runs: 1 }, 'evaluator'), 'sourced only');
    const tagged = parseFeature('@domain:network @exam\nFeature: NACLs\n\n  @established:evaluator\n  Scenario: Deny 100 wins\n    Then it is blocked\n', 'features/network/n.feature');
    assert.equal(tagged?.scenarios[0].established, 'evaluator');
  });

  test('an @emulator-gap scenario that did not run says it runs on a live account only', () => {
    const gap = parseFeature('@domain:iam\nFeature: Root user\n\n  @emulator-gap @severity:high\n  Scenario: The root user has MFA\n    Then the root user has MFA\n', 'features/iam/root.feature');
    assert.ok(gap);
    const markdown = renderMarkdown({ domains: [{ name: 'iam', features: [gap] }], results, generatedAt: new Date() });
    assert.match(markdown, /\*\*Status:\*\* · not run: runs on a live account only/);
  });

  test('a guide without results says how to get them', () => {
    const markdown = renderMarkdown({ domains: [{ name: 's3', features: [feature] }], generatedAt: new Date() });
    assert.match(markdown, /No results yet: run `npm run audit`/);
    assert.match(markdown, /· not run in the latest results/);
  });

  test('cucumber messages: each verdict read from the outcome records the steps attached', () => {
    const meta = { id: 's3.x', title: 'x', domain: 's3', severity: 'low', rationale: 'r', remediation: 'm' };
    const record = (outcome: object, extra: object = {}) => JSON.stringify({ control: meta, scenario: 'x', account: '1', regions: [], target: 'emulator', outcome, findings: [], waived: [], unread: [], examined: 1, details: null, ...extra });
    const finding = { resource: 'arn:aws:s3:::b', account: '1', region: 'us-east-1', problem: 'p' };
    const lines = [
      { pickle: { id: 'p1', uri: 'features/s3/consistency.feature', name: 'A read after a write returns the new object', tags: [] } },
      { testCase: { id: 't1', pickleId: 'p1' } },
      { testCaseStarted: { id: 's1', testCaseId: 't1' } },
      { attachment: { testCaseStartedId: 's1', fileName: 's3.x.outcome.json', mediaType: 'application/json', body: record({ kind: 'waived', waived: [] }, { waived: [{ ...finding, waiver: {} }] }) } },
      { testStepFinished: { testCaseStartedId: 's1', testStepResult: { status: 'PASSED' } } },
      { pickle: { id: 'p2', uri: 'features/s3/consistency.feature', name: 'Reading objects after writing it', tags: [] } },
      { testCase: { id: 't2', pickleId: 'p2' } },
      { testCaseStarted: { id: 's2', testCaseId: 't2' } },
      { attachment: { testCaseStartedId: 's2', fileName: 's3.x.outcome.json', mediaType: 'application/json', body: record({ kind: 'non-compliant', findings: [finding] }, { findings: [finding] }) } },
      // The message's wording decides nothing: the record says non-compliant.
      { testStepFinished: { testCaseStartedId: 's2', testStepResult: { status: 'FAILED', message: 'WAIVED: misleading words' } } },
      { pickle: { id: 'p3', uri: 'features/s3/consistency.feature', name: 'Reading lists after writing it', tags: [] } },
      { testCase: { id: 't3', pickleId: 'p3' } },
      { testCaseStarted: { id: 's3', testCaseId: 't3' } },
      { testStepFinished: { testCaseStartedId: 's3', testStepResult: { status: 'PASSED' } } },
    ].map((e) => JSON.stringify(e));
    const fromMessages = resultsFromMessages(lines.join('\n'), 'messages');
    assert.equal(fromMessages.outcomes.get('features/s3/consistency.feature#A read after a write returns the new object')?.[0].outcome, 'waived');
    assert.equal(fromMessages.outcomes.get('features/s3/consistency.feature#Reading objects after writing it')?.[0].outcome, 'non-compliant');
    assert.equal(fromMessages.outcomes.get('features/s3/consistency.feature#Reading lists after writing it')?.[0].outcome, 'passed', 'an exam demonstration without a record');
  });
});

test('a narrative-only feature (no scenarios) keeps its sources and dated facts', () => {
  const feature = parseFeature(
    '@domain:study\nFeature: Limits\n  Lambda runs for at most 900 seconds since October 2018; older notes said 300 seconds.\n\n  # source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html\n',
    'features/study/limits.feature',
  );
  assert.ok(feature);
  assert.equal(feature.scenarios.length, 0);
  assert.deepEqual(feature.sources, ['https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html']);
  assert.match(feature.dated.join(' '), /900 seconds since October 2018/);
});
