import { redactText } from '../../report/redact';
import { AddressSet } from './address-set';
import { SQUID_DIRECTIVES } from './directives';
import type { AccessRule, AclReference, ConfigProblem, HeaderRule, HttpPort, IncludeReader, SourceLine, SquidConfig } from './types';

/** The acls Squid 5 defines before reading squid.conf ("ACLs all, manager, localhost, to_localhost, and CONNECT are predefined"). */
const PREDEFINED: [string, string, string[]][] = [
  ['all', 'src', ['all']],
  ['manager', 'url_regex', ['-i', '^cache_object://', '+i', '^https?://[^/]+/squid-internal-mgr/']],
  ['localhost', 'src', ['127.0.0.1/32', '::1']],
  ['to_localhost', 'dst', ['127.0.0.0/8', '0.0.0.0/32', '::1/128']],
  ['CONNECT', 'method', ['CONNECT']],
];

const ADDRESS_TYPES = new Set(['src', 'dst', 'localip', 'myip']);
const PORT_TYPES = new Set(['port', 'localport', 'myport']);
const MAX_INCLUDE_DEPTH = 16; // Squid's own limit
/** A line of an audited file is kept (in evidence) up to this many characters; messages quote fewer. */
export const MAX_KEPT_LINE = 300;
const MAX_QUOTED_LINE = 100;
/** At most this many problems of one kind are kept from one file (a binary or garbage file has one per line). */
export const MAX_PROBLEMS = 50;

interface ParseOptions {
  /** Name shown for the top-level text (a path, s3://..., ssm:...). */
  name?: string;
  readInclude?: IncludeReader;
}

/** Parse squid.conf as Squid 5 reads it: comments, continuation lines, includes, acls, access rules. */
export function parseSquidConf(text: string, options: ParseOptions = {}): SquidConfig {
  const config: SquidConfig = {
    acls: new Map(PREDEFINED.map(([name, type, values]) => [name, { name, type, values: [...values], lines: [], predefined: true }])),
    httpAccess: [],
    httpPorts: [],
    requestHeaderAccess: [],
    replyHeaderAccess: [],
    errors: [],
    unresolved: [],
    skipped: [],
    flattened: '',
  };
  const flattened: string[] = [];
  readText(config, text, options.name ?? 'squid.conf', options.readInclude, 0, flattened);
  config.flattened = flattened.join('\n') + '\n';
  checkReferences(config);
  config.errors = capped(config.errors);
  config.unresolved = capped(config.unresolved);
  config.skipped = capped(config.skipped);
  return config;
}

function readText(config: SquidConfig, text: string, file: string, reader: IncludeReader | undefined, depth: number, out: string[]): void {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    let raw = lines[index];
    const lineNumber = index + 1;
    while (raw.endsWith('\\') && index + 1 < lines.length) raw = raw.slice(0, -1) + lines[++index];
    const content = stripComment(raw).trim();
    if (!content) {
      out.push(raw);
      continue;
    }
    const at: SourceLine = { file, line: lineNumber, text: keptLine(raw.trim()) };
    const [name, ...args] = content.split(/\s+/);
    if (name === 'include') {
      out.push(`# ${raw.trim()} (inlined below)`);
      include(config, args.join(' '), at, reader, depth, out);
      continue;
    }
    out.push(raw);
    directive(config, name, args, at, reader);
  }
}

/** "#" starts a comment at the beginning of a line or after whitespace (the stock files comment acl lines so). */
function stripComment(line: string): string {
  const match = /(^|\s)#/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

function include(config: SquidConfig, pattern: string, at: SourceLine, reader: IncludeReader | undefined, depth: number, out: string[]): void {
  if (depth >= MAX_INCLUDE_DEPTH) {
    config.errors.push({ at, problem: `includes nested deeper than ${MAX_INCLUDE_DEPTH}` });
    return;
  }
  const files = reader?.(pattern);
  if (!files) {
    config.unresolved.push({ at, problem: `include ${keptLine(pattern)}: the config source cannot read included files` });
    return;
  }
  if ('refused' in files) {
    config.unresolved.push({ at, problem: `include ${keptLine(pattern)} refused, not read: ${files.refused}` });
    return;
  }
  for (const file of files) readText(config, file.text, file.path, reader, depth + 1, out);
}

function directive(config: SquidConfig, name: string, args: string[], at: SourceLine, reader: IncludeReader | undefined): void {
  switch (name) {
    case 'acl':
      return defineAcl(config, args, at, reader);
    case 'http_access':
      return accessRule(config, args, at, (rule) => config.httpAccess.push(rule));
    case 'http_port':
      return httpPort(config, args, at);
    case 'request_header_access':
    case 'reply_header_access': {
      const [header, ...rest] = args;
      if (!header) return void config.errors.push({ at, problem: `${name} needs a header name` });
      const list = name === 'request_header_access' ? config.requestHeaderAccess : config.replyHeaderAccess;
      return accessRule(config, rest, at, (rule) => list.push({ ...rule, header } satisfies HeaderRule));
    }
    case 'forwarded_for':
      if (!['on', 'off', 'transparent', 'truncate', 'delete'].includes(args[0] ?? '')) return void config.errors.push({ at, problem: `forwarded_for ${args[0] ?? ''}: expected on|off|transparent|truncate|delete` });
      config.forwardedFor = { value: args[0], at };
      return;
    case 'via':
      if (!['on', 'off'].includes(args[0] ?? '')) return void config.errors.push({ at, problem: `via ${args[0] ?? ''}: expected on|off` });
      config.via = { value: args[0], at };
      return;
    default:
      if (!SQUID_DIRECTIVES.has(name)) config.errors.push({ at, problem: `unrecognized: '${name}'${gluedDirective(name)}` });
  }
}

/** "http_port8080" is a directive and its value written without a space. */
function gluedDirective(name: string): string {
  const match = /^([a-z_]+?)(\d.*)$/.exec(name);
  return match && SQUID_DIRECTIVES.has(match[1]) ? ` (a ${match[1]} directive with no space before ${match[2]})` : '';
}

function defineAcl(config: SquidConfig, args: string[], at: SourceLine, reader: IncludeReader | undefined): void {
  const [name, type, ...rest] = args;
  if (!name || !type) return void config.errors.push({ at, problem: 'acl needs a name and a type' });
  const values: string[] = [];
  for (const token of rest) {
    const quoted = /^"(.+)"$/.exec(token);
    if (!quoted) {
      values.push(token);
      continue;
    }
    // acl name type "/path/file": one value per line of the file
    const files = reader?.(quoted[1]);
    if (files && 'refused' in files) {
      config.unresolved.push({ at, problem: `acl ${name}: the values file ${keptLine(quoted[1])} refused, not read: ${files.refused}` });
      continue;
    }
    if (!files || files.length === 0) {
      config.unresolved.push({ at, problem: `acl ${name}: the values file ${keptLine(quoted[1])} cannot be read from the config source` });
      continue;
    }
    for (const file of files) values.push(...file.text.split(/\r?\n/).map((l) => stripComment(l).trim()).filter(Boolean).flatMap((l) => l.split(/\s+/)));
  }
  const existing = config.acls.get(name);
  if (existing && existing.type !== type) return void config.errors.push({ at, problem: `ACL '${name}' already exists with different type (${existing.type})` });
  const invalid = invalidValue(type, values);
  if (invalid) return void config.errors.push({ at, problem: `acl ${name} ${type}: ${invalid}` });
  if (existing) {
    existing.values.push(...values);
    existing.lines.push(at);
  } else config.acls.set(name, { name, type, values, lines: [at], predefined: false });
}

/** Values Squid would refuse for the types the evaluator models. */
function invalidValue(type: string, values: string[]): string | undefined {
  for (const value of aclValues(values)) {
    if (ADDRESS_TYPES.has(type) && type !== 'dst') {
      try {
        AddressSet.parse(value);
      } catch {
        return `"${value}" is not an address, range or network`;
      }
    }
    if (PORT_TYPES.has(type) && !/^\d{1,5}(-\d{1,5})?$/.test(value)) return `"${value}" is not a port or port range`;
  }
  return undefined;
}

/** Acl values without the leading flags (-i, +i, -n, --). */
export function aclValues(values: readonly string[]): string[] {
  return values.filter((v) => !/^([-+][a-zA-Z]|--$)/.test(v));
}

function accessRule(config: SquidConfig, args: string[], at: SourceLine, add: (rule: AccessRule) => void): void {
  const [action, ...names] = args;
  if (action !== 'allow' && action !== 'deny') return void config.errors.push({ at, problem: `expected allow or deny, found "${keptLine(action ?? '', 40)}"` });
  // Squid 5.7 (aclParseAccessLine): "Access line contains no ACL's, skipping" — the line does not exist,
  // so it neither matches nor counts as the last line for the no-match default.
  if (names.length === 0) return void config.skipped.push({ at, problem: "Squid 5.7 skips this line: \"Access line contains no ACL's, skipping\"" });
  const acls: AclReference[] = names.map((n) => (n.startsWith('!') ? { name: n.slice(1), negated: true } : { name: n, negated: false }));
  add({ action, acls, at });
}

function httpPort(config: SquidConfig, args: string[], at: SourceLine): void {
  const [spec, ...options] = args;
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^:\s]+):)?(\d{1,5})$/.exec(spec ?? '');
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) return void config.errors.push({ at, problem: `http_port "${spec ?? ''}" is not [address:]port` });
  config.httpPorts.push({ address: match[1]?.replace(/^\[|\]$/g, ''), port, options, at } satisfies HttpPort);
}

/** Squid refuses to start when an access rule names an acl that is not defined. */
function checkReferences(config: SquidConfig): void {
  for (const rule of [...config.httpAccess, ...config.requestHeaderAccess, ...config.replyHeaderAccess]) {
    for (const name of new Set(rule.acls.map((ref) => ref.name))) {
      if (!config.acls.has(name)) config.errors.push({ at: rule.at, problem: `ACL not found: ${name}` });
    }
  }
}

/** Text taken from an audited file: through the one shared redaction, and capped. */
export function keptLine(text: string, max = MAX_KEPT_LINE): string {
  const redacted = redactText(text);
  return redacted.length > max ? `${redacted.slice(0, max)}… (${redacted.length - max} more characters)` : redacted;
}

function capped(all: ConfigProblem[]): ConfigProblem[] {
  const problems = all.map((p) => ({ at: p.at, problem: keptLine(p.problem, MAX_QUOTED_LINE + 80) }));
  if (problems.length <= MAX_PROBLEMS) return problems;
  const last = problems[MAX_PROBLEMS - 1];
  return [...problems.slice(0, MAX_PROBLEMS - 1), { at: last.at, problem: `and ${problems.length - MAX_PROBLEMS + 1} more problems of this kind (not listed)` }];
}

/** file:line "text" — the quoted text short enough for a thrown message (the full line is in evidence). */
export function describeLine(at: SourceLine): string {
  // Two double quotes per quoted line at most: each extra pair multiplies cucumber's formatting cost.
  const text = (at.text.length > MAX_QUOTED_LINE ? `${at.text.slice(0, MAX_QUOTED_LINE)}…` : at.text).replaceAll('"', "'");
  return `${at.file}:${at.line} "${text}"`;
}

export type { ConfigProblem };
