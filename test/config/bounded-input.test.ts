import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadPostureConfig, parsePostureConfig } from '../../support/config/load';
import { YAML_FILE_LIMIT_BYTES } from '../../support/config/yaml-file';
import { loadWaivers, parseWaivers, WaiverError } from '../../support/waivers/waivers';

const dir = mkdtempSync(join(tmpdir(), 'posture-bounded-'));
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n';

/** Each case: what the file is, and the one line expected (it always names the file). */
const FILE_CASES: [string, () => string, RegExp][] = [
  ['a directory', () => mkdir('a-directory.yaml'), /a-directory\.yaml: not a regular file \(a directory\)$/],
  ['a FIFO (would block a read)', () => fifo('a-fifo.yaml'), /a-fifo\.yaml: not a regular file \(a device, socket or pipe\)$/],
  ['larger than the limit', () => file('huge.yaml', `regions: [us-east-1]\n#${'x'.repeat(YAML_FILE_LIMIT_BYTES)}\n`), /huge\.yaml: \d+ bytes, more than the 1048576-byte limit for this file$/],
  ['an alias bomb', () => file('bomb.yaml', ALIAS_BOMB), /bomb\.yaml: not valid YAML \(more than 100 alias expansions/],
  ['an unclosed flow sequence', () => file('unclosed.yaml', 'regions: [us-east-1\ns3: {}\n'), /unclosed\.yaml(:\d+)?: not valid YAML \(/],
  ['a tab indentation', () => file('tab.yaml', 'regions:\n\t- us-east-1\n'), /tab\.yaml(:\d+)?: not valid YAML \(/],
  ['a duplicate key', () => file('dup.yaml', 'regions: [us-east-1]\nregions: [eu-west-1]\n'), /dup\.yaml(:\d+)?: not valid YAML \(/],
  ['an undefined alias', () => file('alias.yaml', 'regions: *nowhere\n'), /alias\.yaml(:\d+)?: not valid YAML \(/],
  ['two documents', () => file('two.yaml', 'regions: [us-east-1]\n---\nregions: [eu-west-1]\n'), /two\.yaml(:\d+)?: not valid YAML \(/],
  ['binary bytes', () => file('binary.yaml', '\u0000\u0001\u0002\u00ff: [\n'), /binary\.yaml(:\d+)?: not valid YAML \(/],
  ['a missing file', () => join(dir, 'nope.yaml'), /nope\.yaml: (waivers )?file not found/],
];

for (const [name, make, expected] of FILE_CASES) {
  for (const [kind, load, Failure] of [
    ['config', (path: string) => loadPostureConfig(path), ConfigError],
    ['waivers', (path: string) => loadWaivers(path), WaiverError],
  ] as const) {
    test(`${kind} file that is ${name}: one line naming the file, within a second`, () => {
      const path = make();
      const started = Date.now();
      assert.throws(
        () => load(path),
        (error: Error) => {
          assert.ok(error instanceof Failure, `${error.name}: ${error.message}`);
          assert.ok(error.message.startsWith(path), error.message);
          assert.match(error.message, expected);
          assert.ok(!error.message.includes('\n'), 'one line');
          return true;
        },
      );
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    });
  }
}

test('waivers text with an alias bomb is one line, not a ReferenceError', () => {
  assert.throws(() => parseWaivers(ALIAS_BOMB, 'w.yaml', '2026-11-30'), (error: Error) => error instanceof WaiverError && /^w\.yaml: not valid YAML \(more than 100 alias/.test(error.message));
});

const base = 'regions: [us-east-1, eu-west-1]\n';
/** Values that pass their own schema but cannot be right: one line naming the file and the field. */
const VALUE_CASES: [string, string, RegExp][] = [
  ['an unknown region', 'regions: [us-east-1, us-moon-1]\n', /^p\.yaml: regions\[1\]: "us-moon-1" is not an AWS region$/],
  ['a misspelt region says what was meant', 'regions: [us-east-1, eu-wset-1]\n', /^p\.yaml: regions\[1\]: "eu-wset-1" is not an AWS region \(did you mean eu-west-1\?\)$/],
  ['logging.regions outside regions', `${base}logging:\n  regions: [us-west-2]\n`, /^p\.yaml: logging\.regions\[0\]: "us-west-2" is not one of the audited regions \(us-east-1, eu-west-1\)/],
  ['a misspelt logging region', `${base}logging:\n  regions: [us-east-7]\n`, /^p\.yaml: logging\.regions\[0\]: "us-east-7" is not an AWS region/],
  ['a misspelt organization.allowedRegions entry', `${base}organization:\n  allowedRegions: [us-east-1, eu-wets-1]\n`, /^p\.yaml: organization\.allowedRegions\[1\]: "eu-wets-1" is not an AWS region \(did you mean eu-west-1\?\)$/],
  ['a misspelt outside-region probe', `${base}organization:\n  outsideRegionProbes: [sa-east-9]\n`, /^p\.yaml: organization\.outsideRegionProbes\[0\]: "sa-east-9" is not an AWS region/],
  ['reachableFrom naming an unknown tier', `${base}network:\n  tiers:\n    web: { tag: Tier=web, placement: public }\n    db: { tag: Tier=db, placement: private, reachableFrom: [wbe] }\n`, /^p\.yaml: network\.tiers\.db\.reachableFrom\[0\]: "wbe" is not a tier \(tiers: web, db\)$/],
  ['a CIDR with host bits set', `${base}network:\n  adminCidrs: [198.51.100.7/24]\n`, /^p\.yaml: network\.adminCidrs\[0\]: 198\.51\.100\.7\/24 has host bits set: the block is 198\.51\.100\.0\/24$/],
  ['an IPv6 CIDR with host bits set', `${base}network:\n  adminCidrs: ["2001:db8::1/64"]\n`, /^p\.yaml: network\.adminCidrs\[0\]: 2001:db8::1\/64 has host bits set: the block is 2001:db8::\/64$/],
];

for (const [name, text, expected] of VALUE_CASES) {
  test(`config: ${name} is one line naming the field`, () => {
    assert.throws(() => parsePostureConfig(text, 'p.yaml'), (error: Error) => error instanceof ConfigError && expected.test(error.message));
  });
}

test('config: consistent values pass (logging.regions within regions, canonical CIDRs, known tiers)', () => {
  const config = parsePostureConfig(
    `${base}logging:\n  regions: [eu-west-1]\nnetwork:\n  adminCidrs: [198.51.100.0/24, "2001:db8::/32", 203.0.113.7/32]\n  tiers:\n    web: { tag: Tier=web, placement: public }\n    db: { tag: Tier=db, placement: private, reachableFrom: [web] }\norganization:\n  allowedRegions: [us-east-1, eu-west-1, us-gov-west-1]\n`,
    'p.yaml',
  );
  assert.deepEqual(config.logging.regions, ['eu-west-1']);
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
function mkdir(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}
function fifo(name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) execFileSync('mkfifo', [path]);
  return path;
}
