import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommandInvocationCommand, GetParameterCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parsePostureConfig } from '../../support/config/load';
import { parseSquidConf } from '../../support/evaluators/squid/parse';
import { collected } from '../../support/inventory/collected';
import { redact, redactText, rereadEnvironmentSecrets } from '../../support/report/redact';
import type { Control } from '../../support/rules/control';
import { proxyControls } from '../../support/rules/proxy';
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

describe('bounded squid.conf sources: one clear refusal within a second, never a hang', () => {
  const access: SourceAccess = { account: 'x', s3: () => stubClient({}) as never, ssm: () => stubClient({}) as never };
  const dir = mkdtempSync(join(tmpdir(), 'posture-squid-bounds-'));
  writeFileSync(join(dir, 'big.conf'), Buffer.alloc(10 * 1024 * 1024, 0x23)); // 10 MB of '#'
  writeFileSync(join(dir, 'binary.conf'), Buffer.from('http_port 3128\n\0\0\x01\x02 binary\n'));
  mkdirSync(join(dir, 'a-directory'));
  execFileSync('mkfifo', [join(dir, 'fifo.conf')]);
  const cases: { name: string; path: string; error: RegExp }[] = [
    { name: 'a 10 MB file', path: join(dir, 'big.conf'), error: /10485760 bytes, larger than the 1 MiB limit/ },
    { name: 'a directory', path: join(dir, 'a-directory'), error: /a directory, not a regular file/ },
    { name: '/dev/zero', path: '/dev/zero', error: /a character device, not a regular file/ },
    { name: 'a fifo (reading it would block)', path: join(dir, 'fifo.conf'), error: /a fifo, not a regular file/ },
    { name: 'a binary file (NUL bytes)', path: join(dir, 'binary.conf'), error: /binary content \(NUL bytes\)/ },
    { name: 'a missing file', path: join(dir, 'missing.conf'), error: /cannot be opened \(ENOENT\)/ },
  ];
  for (const c of cases) {
    test(`file source: ${c.name}`, async () => {
      const started = Date.now();
      await assert.rejects(readSquidConf({ kind: 'file', path: c.path }, access), (e: Error) => e.name === 'SquidConfRefused' && c.error.test(e.message) && !e.message.includes('\n'));
      assert.ok(Date.now() - started < 1_000, `${Date.now() - started} ms`);
    });
  }
  test('S3: an object over the limit is refused from its ContentLength, unread', async () => {
    let read = false;
    const s3 = stubClient({ GetObject: () => ({ ContentLength: 5 * 1024 * 1024, Body: { transformToString: async () => ((read = true), ''), destroy: () => undefined } }) });
    await assert.rejects(readSquidConf({ kind: 's3', bucket: 'b', key: 'squid.conf' }, { ...access, s3: () => s3 as never }), /5242880 bytes, larger than the 1 MiB limit/);
    assert.equal(read, false);
  });
  test('SSM parameter: binary content refused', async () => {
    const ssm = stubClient({ GetParameter: () => ({ Parameter: { Value: 'http_port 8080\n\0' } }) });
    await assert.rejects(readSquidConf({ kind: 'ssm-parameter', name: 'p' }, { ...access, ssm: () => ssm as never, instance: { id: 'i', region: 'us-east-1' } }), /NUL bytes/);
  });
  test.after(() => rmSync(dir, { recursive: true, force: true }));
});

describe('includes resolve only inside the configured source', () => {
  const access: SourceAccess = { account: 'x', s3: () => stubClient({}) as never, ssm: () => stubClient({}) as never };
  const root = mkdtempSync(join(tmpdir(), 'posture-squid-root-'));
  const outside = mkdtempSync(join(tmpdir(), 'posture-squid-outside-'));
  mkdirSync(join(root, 'conf.d'));
  writeFileSync(join(root, 'conf.d', 'vpc.conf'), 'acl vpc src 10.0.0.0/16\n');
  writeFileSync(join(outside, 'evil.conf'), 'http_access allow all\n');
  symlinkSync(join(outside, 'evil.conf'), join(root, 'conf.d', 'link.conf'));
  const cases: { name: string; include: string; refused?: RegExp; read?: boolean }[] = [
    { name: '/proc/self/environ', include: 'include /proc/self/environ', refused: /outside .*the directory of the audited squid\.conf/ },
    { name: '/etc/passwd as an acl values file', include: 'acl users src "/etc/passwd"', refused: /outside/ },
    { name: 'a relative path climbing out', include: 'include ../../etc/squid/squid.conf', refused: /outside/ },
    { name: 'a directory outside, by glob', include: `include ${outside}/*.conf`, refused: /outside/ },
    { name: 'a symlink inside pointing outside', include: `include ${root}/conf.d/link.conf`, refused: /outside/ },
    { name: 'a file inside the directory', include: `include ${root}/conf.d/vpc.conf`, read: true },
    { name: 'a relative file inside the directory', include: 'include conf.d/vpc.conf', read: true },
  ];
  for (const c of cases) {
    test(`${c.refused ? 'refused, never read' : 'read'}: ${c.name}`, async () => {
      writeFileSync(join(root, 'squid.conf'), `${c.include}\nhttp_access deny all\n`);
      const conf = await readSquidConf({ kind: 'file', path: join(root, 'squid.conf') }, access);
      const parsed = parseSquidConf(conf.text, { name: conf.source, readInclude: (p) => conf.includes[p] });
      if (c.refused) {
        assert.equal(parsed.unresolved.length, 1, JSON.stringify(conf.includes));
        assert.match(parsed.unresolved[0].problem, /refused, not read/);
        assert.match(parsed.unresolved[0].problem, c.refused);
        assert.ok(Object.values(conf.includes).every((v) => !Array.isArray(v)), 'nothing was read');
      } else assert.deepEqual(parsed.unresolved, []);
    });
  }
  test('S3: ".." in an include pattern is refused', async () => {
    const s3 = stubClient({ GetObject: () => body('include /../other/x.conf\n') });
    const client = new S3Client({ region: 'us-east-1' });
    client.send = s3.send as never;
    const conf = await readSquidConf({ kind: 's3', bucket: 'b', key: 'squid.conf', includePrefix: 'root' }, { ...access, s3: () => client });
    assert.match(JSON.stringify(conf.includes), /leaves the include prefix/);
  });
  test.after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
});

describe('secret environment values never reach evidence or messages (include /proc/self/environ, a leaky include inside)', () => {
  const planted = { GITHUB_TOKEN: 'ghp_plantedTOKENvalue0123456789abcdef', DB_PASSWORD: 'planted-db-password-42', SECRET: 'planted-plain-secret-value', SHORT_KEY: '1' };
  const before = { ...process.env };
  test('the proxy controls over a squid.conf that pulls in secrets', async () => {
    Object.assign(process.env, planted);
    rereadEnvironmentSecrets();
    const root = mkdtempSync(join(tmpdir(), 'posture-squid-env-'));
    try {
      // Inside the directory: read, and every line is a parse error quoting it (the worst case for leaks).
      writeFileSync(join(root, 'leak.conf'), Object.entries(planted).map(([k, v]) => `${k}=${v}`).join('\n'));
      writeFileSync(join(root, 'squid.conf'), `include /proc/self/environ\ninclude ${root}/leak.conf\nacl localnet src 10.0.0.0/16\nhttp_access allow localnet\nhttp_access deny all\nhttp_port 8080\n`);
      const conf = await readSquidConf({ kind: 'file', path: join(root, 'squid.conf') }, { account: 'x', s3: () => stubClient({}) as never, ssm: () => stubClient({}) as never });
      const inventory = {
        account: '111122223333',
        tag: { key: 'Role', value: 'forward-proxy' },
        regions: ['us-east-1'],
        instances: collected([{ id: 'i-0', arn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0', region: 'us-east-1', vpcId: 'vpc-0', securityGroupIds: [], vpcCidrs: collected(['10.0.0.0/16']), ingress: collected([]) }]),
        squidConf: collected(conf),
        syntaxCheck: { kind: 'unavailable' as const, reason: 'not needed' },
      };
      const posture = parsePostureConfig('regions: [us-east-1]\n', 'test.yaml');
      const results = Object.values(proxyControls)
        .filter((c) => c.inventory === 'proxy')
        .map((c) => (c as Control<'proxy'>).evaluate(inventory, { account: '111122223333', region: 'global', config: posture }));
      // What reports carry: the redacted evidence and the finding / reason lines (redacted by the report layer too).
      const shown = redactText(JSON.stringify(redact(results)));
      assert.match(shown, /proc\/self\/environ refused, not read/);
      for (const [name, value] of Object.entries(planted)) if (value.length >= 8) assert.ok(!shown.includes(value), `${name}'s value leaked`);
      assert.ok(JSON.stringify(results).includes('GITHUB_TOKEN='), 'the leaky include was read (the test reaches the redaction)');
      assert.equal(redactText('port 1 and 10.0.0.1'), 'port 1 and 10.0.0.1', 'short values ("1") are not redacted everywhere');
    } finally {
      rmSync(root, { recursive: true, force: true });
      for (const name of Object.keys(planted)) if (!(name in before)) delete process.env[name];
      rereadEnvironmentSecrets();
    }
  });
});
