import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopbackEndpoint, targetFromEnvironment } from '../../support/target/target';

const CASES: [string, NodeJS.ProcessEnv, string | undefined, object | RegExp][] = [
  ['default is the embedded emulator', {}, undefined, { kind: 'emulator' }],
  ['AWS_ENDPOINT_URL means that endpoint, as it is', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }, undefined, { kind: 'endpoint', endpoint: 'http://127.0.0.1:4566' }],
  ['POSTURE_TARGET=live', { POSTURE_TARGET: 'live', AWS_ENDPOINT_URL: 'http://x:1' }, undefined, { kind: 'live' }],
  ['a profile parameter wins over the environment', { POSTURE_TARGET: 'live' }, 'emulator', { kind: 'emulator' }],
  ['unknown target', { POSTURE_TARGET: 'prod' }, undefined, /POSTURE_TARGET: "prod" is not one of/],
  ['endpoint without a URL', { POSTURE_TARGET: 'endpoint' }, undefined, /needs AWS_ENDPOINT_URL/],
  ['endpoint that is no URL', { POSTURE_TARGET: 'endpoint', AWS_ENDPOINT_URL: 'localhost 4566' }, undefined, /AWS_ENDPOINT_URL: "localhost 4566" is not a URL/],
];

for (const [name, env, requested, expected] of CASES) {
  test(`target: ${name}`, () => {
    if (expected instanceof RegExp) assert.throws(() => targetFromEnvironment(env, requested), expected);
    else assert.deepEqual(targetFromEnvironment(env, requested), expected);
  });
}

test('loopback endpoints only', () => {
  for (const yes of ['http://127.0.0.1:5000', 'http://localhost:4566', 'http://[::1]:5000', 'http://127.1.2.3']) assert.ok(isLoopbackEndpoint(yes), yes);
  for (const no of ['https://s3.amazonaws.com', 'http://10.0.0.1:5000', 'http://localhost.example.com', 'not a url', undefined]) assert.ok(!isLoopbackEndpoint(no), String(no));
});
