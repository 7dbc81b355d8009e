import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommandInvocationCommand, GetParameterCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parseSquidConf } from '../../support/evaluators/squid/parse';
import { catSquidConfException, proxyReadExceptions, readFileThroughRunCommand } from '../../support/proxy/run-command';
import { readSquidConf, withAccount, type SourceAccess } from '../../support/proxy/sources';
import { applyTutorialSed, stockConf } from '../../support/proxy/tutorial';
import { ReadOnlyViolation, readOnlyGuard } from '../../support/target/read-only-guard';

type Sent = { name: string; input: Record<string, unknown> };

/** A stub SDK client: records each command and answers from a script keyed by command name. */
function stubClient(answers: Record<string, ((input: Record<string, unknown>) => unknown)[] | ((input: Record<string, unknown>) => unknown)>) {
  const sent: Sent[] = [];
  const client = {
    sent,
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ name, input: command.input });
      const script = answers[name];
      const answer = Array.isArray(script) ? script.shift() : script;
      if (!answer) throw new Error(`unexpected ${name}`);
      return answer(command.input);
    },
  };
  return client;
}

const body = (text: string) => ({ Body: { transformToString: async () => text } });
const error = (name: string) => () => {
  throw Object.assign(new Error(name), { name });
};

describe('squid.conf sources', () => {
  test('SSM Run Command: cat the configured path, wait for the invocation, return its output', async () => {
    const ssm = stubClient({
      SendCommand: () => ({ Command: { CommandId: 'cmd-0001' } }),
      GetCommandInvocation: [error('InvocationDoesNotExist'), () => ({ Status: 'InProgress' }), () => ({ Status: 'Success', StandardOutputContent: 'http_port 8080\n' })],
    });
    const text = await readFileThroughRunCommand(ssm as never, 'i-0proxy', '/etc/squid/squid.conf', { pollMs: 1, timeoutMs: 5_000 });
    assert.equal(text, 'http_port 8080\n');
    const send = ssm.sent[0].input as { DocumentName: string; InstanceIds: string[]; Parameters: Record<string, string[]> };
    assert.deepEqual([send.DocumentName, send.InstanceIds, send.Parameters], ['AwsPosture-PrintSquidConf', ['i-0proxy'], { path: ['/etc/squid/squid.conf'] }]);
    assert.ok(catSquidConfException('/etc/squid/squid.conf')('SendCommand', ssm.sent[0].input), 'the command sent is exactly the one the guard lets through');
    assert.deepEqual(ssm.sent.map((s) => s.name), ['SendCommand', 'GetCommandInvocation', 'GetCommandInvocation', 'GetCommandInvocation']);
  });

  const failures: { name: string; invocation: () => unknown; error: RegExp }[] = [
    { name: 'a failed command', invocation: () => ({ Status: 'Failed', StandardErrorContent: 'cat: /etc/squid/squid.conf: No such file or directory' }), error: /Run Command Failed: cat: .*No such file/ },
    { name: 'output at the 24,000-character limit', invocation: () => ({ Status: 'Success', StandardOutputContent: '#'.repeat(24_000) }), error: /longer than the 24000 characters/ },
    { name: 'an invocation that never ends', invocation: () => ({ Status: 'InProgress' }), error: /did not finish within/ },
  ];
  for (const f of failures) {
    test(`SSM Run Command: ${f.name} is an error (recorded as not collected)`, async () => {
      const ssm = stubClient({ SendCommand: () => ({ Command: { CommandId: 'cmd-0002' } }), GetCommandInvocation: f.invocation });
      await assert.rejects(readFileThroughRunCommand(ssm as never, 'i-0proxy', '/etc/squid/squid.conf', { pollMs: 1, timeoutMs: 30 }), f.error);
    });
  }

  test('SSM Run Command through readSquidConf uses the first proxy instance in its region', async () => {
    const ssm = stubClient({ SendCommand: () => ({ Command: { CommandId: 'cmd-3' } }), GetCommandInvocation: () => ({ Status: 'Success', StandardOutputContent: 'http_access deny all\n' }) });
    const regions: string[] = [];
    const access: SourceAccess = { account: '111122223333', s3: () => stubClient({}) as never, ssm: (region) => (regions.push(region), ssm as never), instance: { id: 'i-0proxy', region: 'eu-west-1' } };
    const conf = await readSquidConf({ kind: 'ssm-run-command', path: '/etc/squid/squid.conf' }, access);
    assert.equal(conf.source, 'ssm-run-command:i-0proxy:/etc/squid/squid.conf');
    assert.deepEqual(regions, ['eu-west-1']);
  });

  test('S3: the object, and includes read from keys under the include prefix', async () => {
    const s3 = stubClient({
      GetObject: (input) =>
        input.Key === 'squid/squid.conf'
          ? body('include /etc/squid/conf.d/*.conf\nhttp_access deny all\n')
          : input.Key === 'squid/root/etc/squid/conf.d/vpc.conf'
            ? body('acl vpc src 10.0.0.0/16\nhttp_access allow vpc\n')
            : error('NoSuchKey')(),
      ListObjectsV2: (input) => {
        assert.equal(input.Prefix, 'squid/root/etc/squid/conf.d/');
        return { Contents: [{ Key: 'squid/root/etc/squid/conf.d/vpc.conf' }, { Key: 'squid/root/etc/squid/conf.d/README' }] };
      },
    });
    // The SDK's paginator wants a real S3Client: a real one whose send is the stub's.
    const client = new S3Client({ region: 'us-east-1' });
    client.send = s3.send as never;
    const access: SourceAccess = { account: '111122223333', s3: () => client, ssm: () => stubClient({}) as never };
    const conf = await readSquidConf({ kind: 's3', bucket: 'conf-{account}', key: 'squid/squid.conf', includePrefix: 'squid/root' }, access);
    assert.equal(conf.source, 's3://conf-111122223333/squid/squid.conf');
    assert.deepEqual(Object.keys(conf.includes), ['/etc/squid/conf.d/*.conf']);
    assert.deepEqual((conf.includes['/etc/squid/conf.d/*.conf'] as { path: string }[]).map((f) => f.path), ['/etc/squid/conf.d/vpc.conf']);
    assert.ok(s3.sent.every((s) => s.input.Bucket === 'conf-111122223333'));
  });

  test('SSM parameter: the value, decrypted, with {account} filled in', async () => {
    const ssm = stubClient({ GetParameter: (input) => ({ Parameter: { Name: input.Name, Value: 'http_port 8080\n' } }) });
    const conf = await readSquidConf({ kind: 'ssm-parameter', name: '/{account}/squid.conf' }, { account: '111122223333', s3: () => stubClient({}) as never, ssm: () => ssm as never, instance: { id: 'i-0', region: 'us-east-1' } });
    assert.deepEqual(ssm.sent[0].input, { Name: '/111122223333/squid.conf', WithDecryption: true });
    assert.equal(conf.text, 'http_port 8080\n');
  });

  test('file: includes resolved from the file system with glob patterns, nested', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posture-squid-src-'));
    try {
      mkdirSync(join(dir, 'conf.d'));
      writeFileSync(join(dir, 'squid.conf'), `include ${dir}/conf.d/*.conf\nhttp_access deny all\nhttp_port 8080\n`);
      writeFileSync(join(dir, 'conf.d', 'a.conf'), `acl vpc src 10.0.0.0/16\ninclude ${dir}/more.inc\n`);
      writeFileSync(join(dir, 'conf.d', 'b.txt'), 'not included\n');
      writeFileSync(join(dir, 'more.inc'), 'http_access allow vpc\n');
      const conf = await readSquidConf({ kind: 'file', path: join(dir, 'squid.conf') }, { account: 'x', s3: () => stubClient({}) as never, ssm: () => stubClient({}) as never });
      const parsed = parseSquidConf(conf.text, { readInclude: (p) => conf.includes[p] });
      assert.deepEqual([parsed.unresolved.length, parsed.httpAccess.map((r) => r.at.text)], [0, ['http_access allow vpc', 'http_access deny all']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('withAccount fills in {account}', () => {
    assert.equal(withAccount('posture-proxy-config-{account}', '123456789012'), 'posture-proxy-config-123456789012');
  });
});

describe('read-only guard: the Run Command exception', () => {
  const allow = catSquidConfException('/etc/squid/squid.conf');
  const exact = { DocumentName: 'AwsPosture-PrintSquidConf', InstanceIds: ['i-0proxy'], Parameters: { path: ['/etc/squid/squid.conf'] } };
  const cases: { name: string; command: string; input: unknown; allowed: boolean }[] = [
    { name: 'the print document with the configured path', command: 'SendCommand', input: exact, allowed: true },
    { name: 'another file', command: 'SendCommand', input: { ...exact, Parameters: { path: ['/etc/shadow'] } }, allowed: false },
    { name: 'a second path', command: 'SendCommand', input: { ...exact, Parameters: { path: ['/etc/squid/squid.conf', '/etc/shadow'] } }, allowed: false },
    { name: 'shell text in the path', command: 'SendCommand', input: { ...exact, Parameters: { path: ['/etc/squid/squid.conf; reboot'] } }, allowed: false },
    { name: 'AWS-RunShellScript with cat (the old, over-broad shape)', command: 'SendCommand', input: { DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-0proxy'], Parameters: { commands: ['cat /etc/squid/squid.conf'] } }, allowed: false },
    { name: 'another document', command: 'SendCommand', input: { ...exact, DocumentName: 'AWS-RunPowerShellScript' }, allowed: false },
    { name: 'an output bucket (a write elsewhere)', command: 'SendCommand', input: { ...exact, OutputS3BucketName: 'somewhere' }, allowed: false },
    { name: 'an extra document parameter', command: 'SendCommand', input: { ...exact, Parameters: { ...exact.Parameters, workingDirectory: ['/'] } }, allowed: false },
    { name: 'a path climbing out with ..', command: 'SendCommand', input: { ...exact, Parameters: { path: ['/etc/squid/../shadow'] } }, allowed: false },
    { name: 'another write verb', command: 'DeleteParameter', input: { Name: 'x' }, allowed: false },
  ];
  for (const c of cases) {
    test(`${c.allowed ? 'lets through' : 'refuses'} ${c.name}`, () => assert.equal(allow(c.command, c.input), c.allowed));
  }

  test('only an ssm-run-command source brings the exception', () => {
    assert.equal(proxyReadExceptions({ kind: 's3' }).length, 0);
    assert.equal(proxyReadExceptions({ kind: 'ssm-run-command', path: '/etc/squid/squid.conf' }).length, 1);
    assert.throws(() => catSquidConfException('/etc/squid/squid.conf; reboot'), /plain characters/);
  });

  test('on a real client the guard refuses any other SendCommand before it leaves the process', async () => {
    const client = new SSMClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    client.middlewareStack.use(readOnlyGuard([allow]));
    await assert.rejects(client.send(new SendCommandCommand({ ...exact, DocumentName: 'AWS-RunShellScript', Parameters: { commands: ['rm -rf /'] } })), ReadOnlyViolation);
    // The allowed shape passes the guard and fails only at the (closed) endpoint.
    await assert.rejects(client.send(new SendCommandCommand(exact)), (e: Error) => !(e instanceof ReadOnlyViolation));
    await assert.rejects(client.send(new GetCommandInvocationCommand({ CommandId: 'c', InstanceId: 'i' })), (e: Error) => !(e instanceof ReadOnlyViolation));
    client.destroy();
  });
});

describe('the tutorial fixtures', () => {
  test('the sed script changes exactly the lines the issue describes on the AL2 stock file', () => {
    const stock = stockConf('amazonLinux2').split('\n');
    const edited = applyTutorialSed(stockConf('amazonLinux2'), { vpcCidr: '10.0.0.0/16', port: 8080 }).split('\n');
    const changed = stock.slice(0, -1).flatMap((line, i) => (line !== edited[i] ? [edited[i]] : []));
    assert.deepEqual(changed.map((l) => l.split(/\s+#/)[0].trim()), [
      'acl localnet src 10.0.0.0/16',
      '#acl localnet src 172.16.0.0/12',
      '#acl localnet src 192.168.0.0/16',
      '#acl localnet src fc00::/7',
      '#acl localnet src fe80::/10',
      '#acl Safe_ports port 21',
      '#acl Safe_ports port 70',
      '#acl Safe_ports port 210',
      '#acl Safe_ports port 280',
      '#acl Safe_ports port 488',
      '#acl Safe_ports port 591',
      '#acl Safe_ports port 777',
      'http_port8080',
    ]);
    assert.deepEqual(edited.slice(stock.length - 1, -1), [
      'forwarded_for off',
      'request_header_access X-Forwarded-For deny all',
      'request_header_access Via deny all',
      'request_header_access Cache-Control deny all',
      'reply_header_access X-Forwarded-For deny all',
      'reply_header_access Via deny all',
      'reply_header_access Cache-Control deny all',
    ]);
  });
});

// Keep the imports the stubs stand in for referenced (they document which commands the sources send).
void [GetObjectCommand, ListObjectsV2Command, GetParameterCommand];
