import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';

/**
 * The two workflows and the compose file, parsed and checked for what they need: tests on push; a
 * scheduled, OIDC-authenticated, read-only live audit that uploads the Allure report and fails on exit 3
 * (but only after the upload); LocalStack with its auth token passed through, and moto as the free option.
 */
const ROOT = resolve(__dirname, '../..');
const load = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'));

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const stepsOf = (workflow: { jobs: Record<string, { steps: Step[] }> }): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps);
const indexOf = (steps: Step[], match: (s: Step) => boolean, what: string) => {
  const index = steps.findIndex(match);
  assert.ok(index >= 0, `missing step: ${what}`);
  return index;
};

describe('.github/workflows/test.yml', () => {
  const workflow = load('.github/workflows/test.yml');
  const steps = stepsOf(workflow);

  test('runs on push', () => assert.ok(workflow.on && 'push' in workflow.on));
  test('checks out, sets up Node 20 and the moto emulator, installs with npm ci, then runs npm test', () => {
    const checkout = indexOf(steps, (s) => /^actions\/checkout@/.test(s.uses ?? ''), 'actions/checkout');
    const node = indexOf(steps, (s) => /^actions\/setup-node@/.test(s.uses ?? '') && String(s.with?.['node-version']) === '20', 'setup-node 20');
    const moto = indexOf(steps, (s) => /pip install "?moto\[server\]/.test(s.run ?? ''), 'pip install moto[server]');
    const ci = indexOf(steps, (s) => (s.run ?? '').trim() === 'npm ci', 'npm ci');
    const npmTest = indexOf(steps, (s) => (s.run ?? '').trim() === 'npm test', 'npm test');
    assert.ok(checkout < node && node < ci && moto < npmTest && ci < npmTest);
  });
  test('reads the repository only', () => assert.deepEqual(workflow.permissions, { contents: 'read' }));
});

describe('.github/workflows/scheduled-audit.yml', () => {
  const workflow = load('.github/workflows/scheduled-audit.yml');
  const steps = stepsOf(workflow);
  const audit = steps.find((s) => /npm run audit/.test(s.run ?? ''));

  test('runs on a cron schedule (five fields) and on demand', () => {
    const crons = (workflow.on.schedule ?? []).map((s: { cron: string }) => s.cron);
    assert.ok(crons.length > 0);
    for (const cron of crons) assert.equal(cron.trim().split(/\s+/).length, 5, cron);
    assert.ok('workflow_dispatch' in workflow.on);
  });

  test('may request an OIDC token, read the repository and read its own runs (for the trend), nothing more', () => {
    assert.deepEqual(workflow.permissions, { 'id-token': 'write', contents: 'read', actions: 'read' });
  });

  test('keeps the trend: restores the previous run\'s Allure history before the report, uploads it after', () => {
    const report = indexOf(steps, (s) => /npm run report/.test(s.run ?? ''), 'npm run report');
    const find = indexOf(steps, (s) => /gh run list/.test(s.run ?? '') && /run-id=/.test(s.run ?? ''), 'a step finding the previous run');
    const restore = indexOf(steps, (s) => /^actions\/download-artifact@v\d+/.test(s.uses ?? ''), 'download-artifact of the history');
    const keep = indexOf(steps, (s) => /^actions\/upload-artifact@v\d+/.test(s.uses ?? '') && s.with?.name === 'allure-history', 'upload of the history');
    const restoreStep = steps[restore];
    assert.equal(restoreStep.with?.name, 'allure-history', 'the restored artifact is the one uploaded');
    assert.equal(restoreStep.with?.path, 'reports/allure-report/history', 'restored where `npm run report` carries the history from');
    assert.match(String(restoreStep.with?.['run-id']), new RegExp(`steps\\.${steps[find].id}\\.outputs\\.run-id`));
    assert.ok((restoreStep as { 'continue-on-error'?: boolean })['continue-on-error'], 'the first run (no history) must not fail');
    assert.equal(steps[keep].with?.path, 'reports/allure-report/history');
    assert.ok(steps.indexOf(audit as Step) < find && find < restore && restore < report && report < keep);
  });

  test('the previous-run step picks the newest completed run other than this one', () => {
    const find = steps.find((s) => /gh run list/.test(s.run ?? '')) as Step;
    const dir = mkdtempSync(join(tmpdir(), 'posture-workflow-'));
    // A stand-in `gh` that applies the step's --jq filter (with node) to a canned run list.
    const runs = JSON.stringify([{ databaseId: 9, status: 'in_progress' }, { databaseId: 8, status: 'completed' }, { databaseId: 7, status: 'completed' }]);
    writeFileSync(join(dir, 'gh'), `#!/bin/sh\nwhile [ "$1" != "--jq" ]; do shift; done\nprintf '%s' '${runs}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const runs=JSON.parse(s);const id=[...runs].filter(r=>r.databaseId!=Number(process.env.GITHUB_RUN_ID)&&r.status==="completed")[0];process.stdout.write(id?String(id.databaseId):"")})'\n`);
    chmodSync(join(dir, 'gh'), 0o755);
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-c', find.run ?? ''], { env: { PATH: `${dir}:${process.env.PATH}`, GITHUB_OUTPUT: output, GITHUB_RUN_ID: '9', GITHUB_REPOSITORY: 'o/r' } });
    assert.equal(result.status, 0, String(result.stderr));
    assert.equal(readFileSync(output, 'utf8').trim(), 'run-id=8');
  });

  test('writes a job summary with the per-domain table and the top findings, even when the audit failed', () => {
    const summary = indexOf(steps, (s) => /\$GITHUB_STEP_SUMMARY/.test(s.run ?? ''), 'a step writing $GITHUB_STEP_SUMMARY');
    assert.equal(steps[summary].if, 'always()');
    assert.ok(steps.indexOf(audit as Step) < summary);
    // The step's own script, on outcome records of a small audit.
    const dir = mkdtempSync(join(tmpdir(), 'posture-summary-'));
    const outcomes = join(dir, 'outcomes.json');
    const meta = (id: string, severity: string, cis?: string) => ({ id, title: `control ${id}`, domain: id.split('.')[0], severity, ...(cis ? { cis } : {}), rationale: 'r', remediation: 'fix it' });
    const record = (control: ReturnType<typeof meta>, outcome: object, findings: object[] = [], unread: string[] = []) => ({ control, scenario: control.title, account: '111122223333', regions: ['us-east-1'], target: 'live', outcome, findings, waived: [], unread, examined: 1, details: null });
    const finding = (resource: string) => ({ resource, account: '111122223333', region: 'us-east-1', problem: 'open' });
    const nc = (id: string, severity: string, resources: string[], cis?: string) => ({ name: id, uri: '', domain: id.split('.')[0], verdict: 'non-compliant', records: [record(meta(id, severity, cis), { kind: 'non-compliant', findings: resources.map(finding) }, resources.map(finding))] });
    writeFileSync(
      outcomes,
      JSON.stringify({
        generatedAt: '2026-11-30T05:20:00.000Z',
        audited: 'live account 111122223333',
        environment: {},
        scenarios: [
          nc('s3.low-thing', 'low', ['arn:aws:s3:::a']),
          nc('s3.block-public-access', 'high', ['arn:aws:s3:::b', 'arn:aws:s3:::c'], '2.1.4'),
          { name: 'ok', uri: '', domain: 'network', verdict: 'compliant', records: [record(meta('network.ok', 'medium'), { kind: 'compliant' })] },
          { name: 'nv', uri: '', domain: 'iam', verdict: 'not-verified', records: [record(meta('iam.nv', 'medium'), { kind: 'not-verified', unread: ['GetAccountSummary: AccessDenied'] }, [], ['GetAccountSummary: AccessDenied'])] },
        ],
      }),
    );
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '');
    const result = spawnSync('bash', ['-e', '-c', steps[summary].run ?? ''], { cwd: ROOT, env: { ...process.env, GITHUB_STEP_SUMMARY: stepSummary, POSTURE_OUTCOMES: outcomes } });
    assert.equal(result.status, 0, String(result.stderr));
    const markdown = readFileSync(stepSummary, 'utf8');
    assert.match(markdown, /^\| Domain \| Compliant \| Non-compliant \| Not verified/m);
    assert.match(markdown, /^\| s3 \| 0 \| 2 \| 0 /m);
    assert.match(markdown, /^\| iam \| 0 \| 0 \| 1 /m);
    assert.match(markdown, /^\| \*\*Total\*\* \| \*\*1\*\* \| \*\*2\*\* \| \*\*1\*\*/m);
    // Top findings ranked by severity: the high CIS control before the low one.
    assert.match(markdown, /\| high \| CIS 2\.1\.4 control s3\.block-public-access \| s3 \| 2 \|[^\n]*\n\| low \| control s3\.low-thing/);
    assert.match(markdown, /GetAccountSummary: AccessDenied/);
  });

  test('assumes a role through OIDC with aws-actions/configure-aws-credentials before the audit, with no stored keys', () => {
    const credentials = indexOf(steps, (s) => /^aws-actions\/configure-aws-credentials@v\d+/.test(s.uses ?? ''), 'configure-aws-credentials');
    const step = steps[credentials];
    assert.match(String(step.with?.['role-to-assume']), /\$\{\{\s*(vars|secrets)\.\w+\s*\}\}/);
    assert.ok(step.with?.['aws-region']);
    for (const key of ['aws-access-key-id', 'aws-secret-access-key']) assert.ok(!(key in (step.with ?? {})), `${key}: OIDC only`);
    assert.ok(credentials < steps.indexOf(audit as Step), 'credentials come before the audit');
  });

  test('audits live, the whole Organization', () => {
    assert.ok(audit, 'a step runs npm run audit');
    assert.equal(audit?.env?.POSTURE_TARGET, 'live');
    assert.match(audit?.run ?? '', /npm run audit -- --organization/);
    assert.ok(audit?.id, 'the audit step has an id so later steps can read its exit code');
  });

  test('builds and uploads the Allure report as an artifact even when the audit failed', () => {
    const report = indexOf(steps, (s) => /npm run report/.test(s.run ?? ''), 'npm run report');
    const upload = indexOf(steps, (s) => /^actions\/upload-artifact@v\d+/.test(s.uses ?? ''), 'upload-artifact');
    assert.match(String(steps[upload].with?.path), /reports\/allure-report/);
    assert.equal(steps[report].if, 'always()');
    assert.equal(steps[upload].if, 'always()');
    assert.ok(steps.indexOf(audit as Step) < report && report < upload);
  });

  test('fails the job on exit 3, after the upload', () => {
    const fail = indexOf(steps, (s) => new RegExp(`steps\\.${audit?.id}\\.outputs\\.exit-code == '3'`).test(s.if ?? ''), 'a step conditioned on exit code 3');
    assert.match(steps[fail].run ?? '', /exit [1-9]/);
    assert.ok(fail > steps.findIndex((s) => /upload-artifact/.test(s.uses ?? '')));
  });

  // The audit step's shell, run with a stand-in `npm` that exits with each code.
  for (const [code, stepExit] of [
    [0, 0],
    [3, 0],
    [1, 1],
  ] as const) {
    test(`the audit step's script: npm exits ${code} → step exits ${stepExit}, exit-code=${code} recorded`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'posture-workflow-'));
      writeFileSync(join(dir, 'npm'), `#!/bin/sh\nexit ${code}\n`);
      chmodSync(join(dir, 'npm'), 0o755);
      const output = join(dir, 'github-output');
      writeFileSync(output, '');
      const result = spawnSync('bash', ['-e', '-c', audit?.run ?? ''], { env: { PATH: `${dir}:${process.env.PATH}`, GITHUB_OUTPUT: output } });
      assert.equal(result.status, stepExit);
      assert.equal(readFileSync(output, 'utf8').trim(), `exit-code=${code}`);
    });
  }
});

describe('docker-compose.yml', () => {
  const compose = load('docker-compose.yml');

  test('LocalStack: image pinned, LOCALSTACK_AUTH_TOKEN passed through, port 4566 on loopback', () => {
    const localstack = compose.services.localstack;
    assert.match(localstack.image, /^localstack\/localstack:\d+\.\d+\.\d+$/);
    assert.match(String(localstack.environment.LOCALSTACK_AUTH_TOKEN), /^\$\{LOCALSTACK_AUTH_TOKEN(:-)?\}$/);
    assert.ok(localstack.ports.some((p: string) => p.startsWith('127.0.0.1:4566:')));
  });

  test('moto server as the free alternative: image pinned, started through the suite\'s launcher', () => {
    const moto = compose.services.moto;
    assert.match(moto.image, /^motoserver\/moto:\d+\.\d+\.\d+$/);
    assert.ok(moto.volumes.some((v: string) => v.startsWith('./support/target/moto_server.py:')));
  });
});

