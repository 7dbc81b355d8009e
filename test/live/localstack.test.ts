import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { evaluateControl } from '../../support/checks/evaluate-control';
import { organizationsControls } from '../../support/rules/organizations';
import { closeRun, openRun } from '../../support/run/open-run';
import { lackingServices, LOCALSTACK_IMAGE, LocalStackClientFactory, startLocalStack, type StartContainer } from '../../support/target/localstack';
import { TargetError } from '../../support/target/target';
import { testEmulatorEndpoint } from '../helpers/emulator';
import { verdictOf } from '../../support/rules/types';

/**
 * POSTURE_TARGET=localstack. This machine has no Docker, so the container start is stubbed: the stub
 * hands back the test emulator's endpoint as if LocalStack were listening there, and a health answer as
 * LocalStack's free tier gives it (no Organizations, no CloudTrail).
 */
const COMMUNITY = { edition: 'community', version: '4.14.0', services: { s3: 'available', ec2: 'available', iam: 'available', sts: 'available', kms: 'available' } };
const PRO = { edition: 'pro', version: '4.14.0', services: { ...COMMUNITY.services, organizations: 'available', cloudtrail: 'running' } };

describe('LocalStack target', () => {
  test('the free tier lacks Organizations and CloudTrail; an edition that lists them lacks nothing', () => {
    assert.deepEqual([...lackingServices(COMMUNITY).keys()].sort(), ['cloudtrail', 'organizations']);
    assert.match(lackingServices(COMMUNITY).get('organizations') ?? '', /Organizations is not available in this LocalStack \(community edition\): it needs a paid plan and LOCALSTACK_AUTH_TOKEN/);
    assert.deepEqual([...lackingServices(PRO).keys()], []);
    assert.deepEqual([...lackingServices({ ...PRO, services: { ...PRO.services, cloudtrail: 'disabled' } }).keys()], ['cloudtrail']);
  });

  test('starts the pinned image through testcontainers with LOCALSTACK_AUTH_TOKEN passed through', async () => {
    const calls: { image: string; environment: Record<string, string> }[] = [];
    const start: StartContainer = async (image, environment) => {
      calls.push({ image, environment });
      return { endpoint: 'http://localhost:4566', stop: async () => undefined };
    };
    const running = await startLocalStack({ env: { LOCALSTACK_AUTH_TOKEN: 'ls-fake-token-for-tests' }, start, health: async () => PRO });
    assert.deepEqual(calls, [{ image: LOCALSTACK_IMAGE, environment: { LOCALSTACK_AUTH_TOKEN: 'ls-fake-token-for-tests' } }]);
    assert.equal(running.endpoint, 'http://localhost:4566');
    await startLocalStack({ env: { POSTURE_LOCALSTACK_IMAGE: 'localstack/localstack:4.13.1' }, start, health: async () => COMMUNITY });
    assert.deepEqual(calls[1], { image: 'localstack/localstack:4.13.1', environment: {} });
  });

  test('without Docker: one clear error that says what to do instead', async () => {
    const start: StartContainer = async () => {
      throw new Error('Could not find a working container runtime strategy');
    };
    await assert.rejects(startLocalStack({ env: {}, start }), (error: Error) => {
      assert.ok(error instanceof TargetError);
      assert.match(error.message, /could not start localstack\/localstack:4\.14\.0: Could not find a working container runtime strategy\. It needs Docker; .*docker compose up localstack.*POSTURE_TARGET=endpoint/);
      return true;
    });
  });

  test('a container whose health cannot be read is stopped again', async () => {
    let stopped = 0;
    const start: StartContainer = async () => ({ endpoint: 'http://localhost:4566', stop: async () => void stopped++ });
    await assert.rejects(startLocalStack({ env: {}, start, health: async () => Promise.reject(new Error('ECONNREFUSED')) }), /did not report its health: ECONNREFUSED/);
    assert.equal(stopped, 1);
  });

  test('openRun with POSTURE_TARGET=localstack: the container is started, audited read-only, lacking services are not verified with that reason, and stopped', async () => {
    const endpoint = await testEmulatorEndpoint();
    let stopped = 0;
    const progress: string[] = [];
    const { run } = await openRun(
      { runId: `localstack-${process.pid}` },
      {
        env: { ...process.env, POSTURE_TARGET: 'localstack', POSTURE_ESTATE: undefined, POSTURE_WAIVERS: undefined },
        progress: (line) => progress.push(line),
        localstack: { start: async () => ({ endpoint, stop: async () => void stopped++ }), health: async () => COMMUNITY },
      },
    );
    try {
      assert.equal(run.target.kind, 'localstack');
      assert.equal(run.target.endpoint, endpoint);
      assert.equal(run.estate, undefined, 'LocalStack starts empty: no estate unless POSTURE_ESTATE names one');
      assert.ok(run.reads instanceof LocalStackClientFactory);
      assert.ok(progress.some((l) => l.includes(`starting ${LOCALSTACK_IMAGE}`)));
      const identity = await run.reads.client(STSClient, run.account, run.homeRegion).send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Account, run.account.accountId, 'services LocalStack has are read as usual');
      await assert.rejects(run.reads.client(OrganizationsClient, run.account, run.homeRegion).send(new ListAccountsCommand({})), { name: 'ServiceNotInLocalStack' });
      await assert.rejects(run.reads.client(CloudTrailClient, run.account, run.homeRegion).send(new DescribeTrailsCommand({})), /CloudTrail is not available in this LocalStack/);
      const result = await evaluateControl(run, organizationsControls.allFeatures);
      assert.equal(verdictOf(result), 'not-verified');
      assert.match(result.unread.join('; '), /Organizations is not available in this LocalStack/);
    } finally {
      await closeRun(run);
    }
    assert.equal(stopped, 1, 'the container is stopped when the run closes');
  });
});
