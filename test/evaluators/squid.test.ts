import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AddressSet } from '../../support/evaluators/squid/address-set';
import { allowedSources, decideRequest, type ProxyRequest } from '../../support/evaluators/squid/evaluate';
import { headerStripped, identifyingHeaders, type Direction } from '../../support/evaluators/squid/headers';
import { describeLine, parseSquidConf } from '../../support/evaluators/squid/parse';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSquid, run, squidParse } from '../../support/proxy/squid-binary';
import { applyTutorialSed, correctedTutorialConf, stockConf } from '../../support/proxy/tutorial';

const VPC = { vpcCidr: '10.0.0.0/16', port: 8080 };
const demo = parseSquidConf(applyTutorialSed(stockConf('amazonLinux2'), VPC), { name: 'demo' });
const reference = parseSquidConf(correctedTutorialConf(VPC), { name: 'reference' });
const al2Stock = parseSquidConf(stockConf('amazonLinux2'), { name: 'al2' });
const debianConfD = stockConf('debianConfD');
const debianSed = parseSquidConf(applyTutorialSed(stockConf('debian'), VPC), {
  name: 'debian',
  readInclude: (pattern) => (pattern === '/etc/squid/conf.d/*.conf' ? [{ path: '/etc/squid/conf.d/debian.conf', text: debianConfD }] : undefined),
});
const conf = (text: string) => parseSquidConf(text, { name: 'inline' });
const debianLocalnet = stockConf('debian').split('\n').filter((l) => /^acl localnet src/.test(l)).join('\n');

describe('Squid 5.7 skips access lines with no acl (warned, not errors)', () => {
  const cases: { name: string; text: string; skipped: number; rules: number; errors: number }[] = [
    { name: 'bare "http_access deny"', text: 'http_access deny', skipped: 1, rules: 0, errors: 0 },
    { name: 'bare "http_access allow" with a comment', text: 'http_access allow # everyone?', skipped: 1, rules: 0, errors: 0 },
    { name: 'bare "request_header_access Via deny"', text: 'request_header_access Via deny', skipped: 1, rules: 0, errors: 0 },
    { name: 'bare "reply_header_access X-Forwarded-For deny"', text: 'reply_header_access X-Forwarded-For deny', skipped: 1, rules: 0, errors: 0 },
    { name: '"http_access deny all" is a line', text: 'http_access deny all', skipped: 0, rules: 1, errors: 0 },
    { name: '"http_access" with no action is still an error', text: 'http_access', skipped: 0, rules: 0, errors: 1 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const parsed = conf(c.text);
      const rules = parsed.httpAccess.length + parsed.requestHeaderAccess.length + parsed.replyHeaderAccess.length;
      assert.deepEqual([parsed.skipped.length, rules, parsed.errors.length], [c.skipped, c.rules, c.errors]);
      if (c.skipped) assert.match(parsed.skipped[0].problem, /Access line contains no ACL's, skipping/);
    });
  }
  const squid = findSquid();
  test('the squid binary says the same (squid -k parse prints the skipping message)', { skip: squid ? false : 'no squid binary here' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posture-squid-skip-'));
    try {
      writeFileSync(join(dir, 'squid.conf'), 'http_port 3128\nhttp_access deny\nrequest_header_access Via deny\n');
      const { output } = await run(squid!, ['-k', 'parse', '-f', join(dir, 'squid.conf')], 20_000);
      assert.equal(output.match(/Access line contains no ACL's, skipping/g)?.length, 2, output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('text from an audited file is capped', () => {
  test('a 5 KB line is kept to a few hundred characters, and quoted shorter still', () => {
    const parsed = conf(`acl x src ${'10.0.0.0/16 '.repeat(450)}\nhttp_access allow x\nhttp_access deny all\nfoo_bar ${'y'.repeat(5000)}`);
    const acl = parsed.acls.get('x')!;
    assert.ok(acl.lines[0].text.length < 400, String(acl.lines[0].text.length));
    assert.ok(describeLine(acl.lines[0]).length < 200);
    assert.ok(parsed.errors.every((e) => e.problem.length < 300 && e.at.text.length < 400));
  });
  test('a garbage file gives at most a bounded number of problems', () => {
    const parsed = conf(Array.from({ length: 2000 }, (_, i) => `garbage_${i} \u00ff\u00fe`).join('\n'));
    assert.ok(parsed.errors.length <= 50, String(parsed.errors.length));
    assert.match(parsed.errors[parsed.errors.length - 1].problem, /and \d+ more problems/);
  });
});

describe('squid.conf parser', () => {
  const cases: { name: string; config: ReturnType<typeof parseSquidConf>; errors: RegExp[]; ports: number[] }[] = [
    { name: 'the corrected tutorial config parses cleanly', config: reference, errors: [], ports: [8080] },
    { name: 'the tutorial sed result carries http_port8080, which Squid refuses', config: demo, errors: [/unrecognized: .http_port8080. \(a http_port directive/], ports: [] },
    { name: 'the Debian stock file after the sed script has the same defect', config: debianSed, errors: [/unrecognized: 'http_port8080'/], ports: [] },
    { name: 'an acl redefined with another type is fatal', config: conf('acl x src 10.0.0.0/8\nacl x port 80\nhttp_port 3128'), errors: [/already exists with different type/], ports: [3128] },
    { name: 'an http_access line naming an undefined acl is fatal', config: conf('http_access allow nobody\nhttp_port 3128'), errors: [/ACL not found: nobody/], ports: [3128] },
    { name: 'a bad src value is fatal', config: conf('acl a src 10.0.0.300/8\nhttp_port [::]:3128'), errors: [/not an address/], ports: [3128] },
    { name: 'continuation lines and inline comments are read as Squid reads them', config: conf('acl a src 10.0.0.0/16 \\\n  10.1.0.0/16 # two ranges\nhttp_access allow a\nhttp_port 0.0.0.0:8080 # listen'), errors: [], ports: [8080] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(c.config.errors.length, c.errors.length, c.config.errors.map((e) => e.problem).join('\n'));
      c.errors.forEach((pattern, i) => assert.match(c.config.errors[i].problem, pattern));
      assert.deepEqual(c.config.httpPorts.map((p) => p.port), c.ports);
    });
  }

  test('includes are inlined through the reader, and unreadable ones are reported', () => {
    assert.equal(debianSed.unresolved.length, 0);
    assert.match(debianSed.flattened, /logfile_rotate 0/);
    const noReader = parseSquidConf('include /etc/squid/conf.d/*.conf\nhttp_access deny all\n', { name: 'x' });
    assert.equal(noReader.unresolved.length, 1);
    const nested = parseSquidConf('include /a.conf\n', { name: 'x', readInclude: (p) => (p === '/a.conf' ? [{ path: '/a.conf', text: 'include /b.conf' }] : p === '/b.conf' ? [{ path: '/b.conf', text: 'acl b src 10.9.0.0/16\nhttp_access allow b' }] : undefined) });
    assert.deepEqual(allowedSources(nested).allowed.toStrings(), ['10.9.0.0/16']);
  });

  test('acl values from a quoted file come through the reader', () => {
    const config = parseSquidConf('acl vpc src "/etc/squid/vpc.txt"\nhttp_access allow vpc\nhttp_access deny all\n', { readInclude: () => [{ path: '/etc/squid/vpc.txt', text: '# clients\n10.0.0.0/16\n' }] });
    assert.deepEqual(allowedSources(config).allowed.toStrings(), ['10.0.0.0/16']);
  });
});

describe('squid http_access: one request', () => {
  const cases: { name: string; config: ReturnType<typeof parseSquidConf>; request: ProxyRequest; action: 'allow' | 'deny'; by: RegExp }[] = [
    { name: 'a VPC client to port 80 is allowed by localnet', config: reference, request: { source: '10.0.1.10', port: 80 }, action: 'allow', by: /http_access allow localnet/ },
    { name: 'a client outside the VPC is denied by "deny all"', config: reference, request: { source: '192.0.2.10', port: 80 }, action: 'deny', by: /http_access deny all/ },
    { name: 'a 10/8 client outside the /16 is denied', config: reference, request: { source: '10.1.0.10', port: 80 }, action: 'deny', by: /deny all/ },
    { name: 'port 22 is not a Safe_port', config: reference, request: { source: '10.0.1.10', port: 22 }, action: 'deny', by: /deny !Safe_ports/ },
    { name: 'port 21 is no longer a Safe_port after the tutorial edit', config: reference, request: { source: '10.0.1.10', port: 21 }, action: 'deny', by: /deny !Safe_ports/ },
    { name: 'CONNECT to a non-SSL port is denied', config: reference, request: { source: '10.0.1.10', port: 8443, method: 'CONNECT' }, action: 'deny', by: /deny CONNECT !SSL_ports/ },
    { name: 'CONNECT to 443 from the VPC is allowed', config: reference, request: { source: '10.0.1.10', port: 443, method: 'CONNECT' }, action: 'allow', by: /allow localnet/ },
    { name: 'the stock AL2 file serves 172.16/12', config: al2Stock, request: { source: '172.20.0.5', port: 80 }, action: 'allow', by: /allow localnet/ },
    { name: 'no line matches and the last line denies: allowed', config: conf('acl bad src 203.0.113.0/24\nhttp_access deny bad'), request: { source: '198.51.100.7', port: 80 }, action: 'allow', by: /opposite of the last line/ },
    { name: 'no line matches and the last line allows: denied', config: conf('acl vpc src 10.0.0.0/16\nhttp_access allow vpc'), request: { source: '198.51.100.7', port: 80 }, action: 'deny', by: /opposite of the last line/ },
    { name: 'no http_access line at all: denied', config: conf('http_port 3128'), request: { source: '10.0.0.1', port: 80 }, action: 'deny', by: /denies every request/ },
    { name: 'the cache manager from localhost is allowed (manager assumed matching)', config: reference, request: { source: '127.0.0.1', port: 80, matchingUnmodeled: ['manager'] }, action: 'allow', by: /allow localhost manager/ },
    { name: 'the cache manager from the VPC is denied', config: reference, request: { source: '10.0.1.10', port: 80, matchingUnmodeled: ['manager'] }, action: 'deny', by: /deny manager/ },
    { name: 'localport narrows by listening port', config: conf('acl vpc src 10.0.0.0/16\nacl p8080 localport 8080\nhttp_access allow vpc p8080\nhttp_access deny all\nhttp_port 8080\nhttp_port 3128'), request: { source: '10.0.0.9', port: 80, localPort: 3128 }, action: 'deny', by: /deny all/ },
    { name: 'a dst acl decides by destination', config: conf('acl meta dst 169.254.169.254\nhttp_access deny meta\nhttp_access allow all'), request: { source: '10.0.0.9', port: 80, destination: '169.254.169.254' }, action: 'deny', by: /deny meta/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const decision = decideRequest(c.config, c.request);
      assert.equal(decision.action, c.action, decision.explanation);
      assert.match(decision.explanation, c.by);
    });
  }
});

describe('squid http_access: the exact set of sources that can use the proxy', () => {
  const cases: { name: string; config: ReturnType<typeof parseSquidConf>; allowed: string[] }[] = [
    { name: 'the corrected tutorial config: the VPC and loopback', config: reference, allowed: ['10.0.0.0/16', '127.0.0.1/32', '::1/128'] },
    { name: 'the tutorial sed result also serves exactly the VPC (its defect is elsewhere)', config: demo, allowed: ['10.0.0.0/16', '127.0.0.1/32', '::1/128'] },
    { name: 'the stock AL2 file serves every private range', config: al2Stock, allowed: ['10.0.0.0/8', '127.0.0.1/32', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7', 'fe80::/10'] },
    { name: 'Debian stock after sed: localnet is never allowed, only localhost', config: debianSed, allowed: ['127.0.0.1/32', '::1/128'] },
    { name: '"http_access allow all" serves everyone', config: conf(correctedTutorialConf(VPC).replace('http_access deny all', 'http_access allow all')), allowed: ['0.0.0.0/0', '::/0'] },
    { name: 'localnet 10.0.0.0/8 is wider than the VPC', config: conf(correctedTutorialConf(VPC).replace('acl localnet src 10.0.0.0/16', 'acl localnet src 10.0.0.0/8')), allowed: ['10.0.0.0/8', '127.0.0.1/32', '::1/128'] },
    { name: 'a last line that denies opens everything it does not name', config: conf('acl bad src 203.0.113.0/24\nhttp_access deny bad'), allowed: ['0.0.0.0-203.0.112.255', '203.0.114.0-255.255.255.255', '::/0'] },
    { name: 'an allow that needs a specific port still counts the source', config: conf('acl vpc src 10.0.0.0/16\nacl web port 80\nhttp_access allow vpc web\nhttp_access deny all'), allowed: ['10.0.0.0/16'] },
    { name: 'a negated src acl', config: conf('acl vpc src 10.0.0.0/16\nhttp_access deny !vpc\nhttp_access allow all'), allowed: ['10.0.0.0/16'] },
    { name: 'netmask and range notations', config: conf('acl a src 10.0.0.0/255.255.0.0 10.1.0.0-10.1.0.255\nhttp_access allow a\nhttp_access deny all'), allowed: ['10.0.0.0-10.1.0.255'] },
    // Squid 5.7 skips an access line with no acl ("Access line contains no ACL's, skipping"): the last
    // line that counts is the one before it.
    { name: 'Squid 5.7: allow localnet / deny to_localhost / bare "http_access deny" is an open proxy', config: conf(correctedTutorialConf(VPC).replace('http_access deny all', 'http_access deny to_localhost\nhttp_access deny')), allowed: ['0.0.0.0/0', '::/0'] },
    { name: 'Squid 5.7: allow vpc / bare "http_access deny": the last line allows, so the rest is denied', config: conf('acl vpc src 10.0.0.0/16\nhttp_access allow vpc\nhttp_access deny'), allowed: ['10.0.0.0/16'] },
    { name: 'Squid 5.7: a bare "http_access allow" lets nobody in', config: conf('acl vpc src 10.0.0.0/16\nhttp_access allow\nhttp_access deny all'), allowed: [] },
    { name: 'Squid 5.7: only bare lines means no http_access line at all: everyone denied', config: conf('http_access allow\nhttp_access deny'), allowed: [] },
    { name: "Debian's stock localnet list (8 lines, inline comments) with allow localnet / deny all", config: conf(`${debianLocalnet}\nhttp_access allow localnet\nhttp_access deny all`), allowed: ['0.0.0.1-0.255.255.255', '10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10'] },
    { name: "Debian's stock localnet list with a bare deny after it: open", config: conf(`${debianLocalnet}\nhttp_access allow localnet\nhttp_access deny to_localhost\nhttp_access deny`), allowed: ['0.0.0.0/0', '::/0'] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(allowedSources(c.config).allowed.toStrings(), c.allowed);
    });
  }

  test('each allowed range names the line that allows it', () => {
    const result = allowedSources(conf(correctedTutorialConf(VPC).replace('acl localnet src 10.0.0.0/16', 'acl localnet src 10.0.0.0/8')));
    assert.deepEqual(
      result.ranges.map((r) => [r.range, /http_access allow (\w+)/.exec(r.allowedBy)?.[1]]),
      [['10.0.0.0/8', 'localnet'], ['127.0.0.1/32', 'localhost'], ['::1/128', 'localhost']],
    );
    assert.deepEqual(result.unmodeled, ['manager']);
  });
});

describe('address sets (range arithmetic)', () => {
  test('subtracting the VPC from 10/8 leaves the exact remainder', () => {
    const rest = AddressSet.parse('10.0.0.0/8').subtract(AddressSet.parse('10.0.0.0/16'));
    assert.deepEqual(rest.toStrings(), ['10.1.0.0-10.255.255.255']);
    assert.equal(rest.toCidrs().length, 8);
  });
  test('equal sets compare equal however written', () => {
    assert.ok(AddressSet.parse('10.0.0.0/255.255.0.0').equals(AddressSet.parse('10.0.0.0-10.0.255.255')));
    assert.ok(!AddressSet.parse('10.0.0.0/16').equals(AddressSet.parse('10.0.0.0/8')));
  });
});

describe('squid header stripping', () => {
  const base = 'http_access deny all\n';
  const cases: { name: string; text: string; direction: Direction; header: string; stripped: boolean }[] = [
    { name: 'request X-Forwarded-For removed by deny all', text: 'request_header_access X-Forwarded-For deny all', direction: 'request', header: 'X-Forwarded-For', stripped: true },
    { name: 'forwarded_for delete removes it too', text: 'forwarded_for delete', direction: 'request', header: 'X-Forwarded-For', stripped: true },
    { name: 'forwarded_for off only writes "unknown"', text: 'forwarded_for off', direction: 'request', header: 'X-Forwarded-For', stripped: false },
    { name: 'reply Via kept with no rule', text: 'request_header_access Via deny all', direction: 'reply', header: 'Via', stripped: false },
    { name: 'an "All" deny covers Via', text: 'reply_header_access All deny all', direction: 'reply', header: 'Via', stripped: true },
    { name: 'a header-specific allow wins over All', text: 'reply_header_access Via allow all\nreply_header_access All deny all', direction: 'reply', header: 'Via', stripped: false },
    { name: 'a conditional allow before the deny keeps it for some requests', text: 'acl vpc src 10.0.0.0/16\nrequest_header_access Via allow vpc\nrequest_header_access Via deny all', direction: 'request', header: 'Via', stripped: false },
    { name: 'a conditional deny alone does not strip for everyone', text: 'acl vpc src 10.0.0.0/16\nrequest_header_access Via deny vpc', direction: 'request', header: 'Via', stripped: false },
    { name: 'header names are case-insensitive', text: 'request_header_access via deny all', direction: 'request', header: 'Via', stripped: true },
    { name: 'Squid 5.7 skips a bare "request_header_access Via deny": kept', text: 'request_header_access Via deny', direction: 'request', header: 'Via', stripped: false },
    { name: 'a bare Via deny skipped, a later "deny all" still strips', text: 'request_header_access Via deny\nrequest_header_access Via deny all', direction: 'request', header: 'Via', stripped: true },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const verdict = headerStripped(conf(base + c.text), c.direction, c.header);
      assert.equal(verdict.stripped, c.stripped, verdict.because);
    });
  }
  test('the verdict names the skipped line', () => {
    assert.match(headerStripped(conf(`${base}request_header_access Via deny`), 'request', 'Via').because, /has no acl, so Squid 5\.7 skips it/);
  });
  test('the tutorial lines strip both headers in both directions', () => {
    assert.ok(identifyingHeaders(reference).every((v) => v.stripped));
    assert.ok(identifyingHeaders(al2Stock).every((v) => !v.stripped));
  });
});

describe('squid.conf secrets stay out of findings and evidence', () => {
  const cases: { name: string; line: string; secret: string }[] = [
    { name: 'cache_peer login=user:password', line: 'cache_peer parent.example parent notaport 0 login=alice:Sup3rSecret', secret: 'Sup3rSecret' },
    { name: 'a misspelled cachemgr_passwd (a parse error quotes the line)', line: 'cachemgr_pasword Hunter22 all', secret: 'Hunter22' },
  ];
  for (const c of cases) {
    test(`parser: ${c.name}`, () => {
      const parsed = conf(`http_port 3128\n${c.line}\nhttp_access deny all`);
      const shown = JSON.stringify({ errors: parsed.errors.map((e) => `${describeLine(e.at)}: ${e.problem}`), lines: parsed.httpPorts.map((p) => describeLine(p.at)) });
      assert.ok(!shown.includes(c.secret), shown);
    });
  }
  const squid = findSquid();
  test('squid -k parse messages (Bungled echoes the line)', { skip: squid ? false : 'no squid binary here' }, async () => {
    const check = await squidParse(`http_port 3128\n${cases[0].line}\nhttp_access deny all\n`);
    assert.equal(check.kind, 'checked');
    const messages = check.kind === 'checked' ? check.messages.join('\n') : '';
    assert.match(messages, /Bungled/);
    assert.ok(!messages.includes(cases[0].secret), messages);
  });
});
