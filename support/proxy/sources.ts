import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SquidConfSource } from '../config/sections/proxy';
import { parseSquidConf } from '../evaluators/squid/parse';
import type { IncludedFile, SquidConfText } from '../inventory/types/proxy';
import { checkedText, isInside, readBoundedFile, realOrLexical, SQUID_CONF_LIMITS, SquidConfRefused } from './bounded-read';
import { readFileThroughRunCommand, type RunCommandClient } from './run-command';

const MAX_INCLUDE_ROUNDS = 16;

/** What a source needs to read: clients for the audited account, and the proxy instance for Run Command. */
export interface SourceAccess {
  account: string;
  s3: () => Pick<S3Client, 'send'>;
  ssm: (region: string) => Pick<SSMClient, 'send'> & RunCommandClient;
  instance?: { id: string; region: string };
}

/** `{account}` in a bucket or parameter name is the audited account (one posture config for many accounts). */
export function withAccount(text: string, account: string): string {
  return text.replaceAll('{account}', account);
}

/**
 * Read squid.conf and every file it includes, from the source the posture config names. Every file is
 * bounded (SQUID_CONF_LIMITS: size, regular file, no NUL bytes) and includes resolve only inside the
 * source: the directory of a file source, the include prefix of an S3 source; an SSM parameter or a Run
 * Command read has none. An include outside it is refused and never read.
 */
export async function readSquidConf(source: SquidConfSource, access: SourceAccess): Promise<SquidConfText> {
  switch (source.kind) {
    case 'file': {
      const text = readBoundedFile(source.path);
      const root = realOrLexical(dirname(resolve(source.path)));
      return withIncludes(source.path, text, async (pattern) => readLocalGlob(root, pattern));
    }
    case 's3': {
      const bucket = withAccount(source.bucket, access.account);
      const s3 = access.s3();
      const name = `s3://${bucket}/${source.key}`;
      const text = await s3ObjectText(s3, bucket, source.key, name);
      const prefix = source.includePrefix?.replace(/\/+$/, '');
      return withIncludes(name, text, prefix === undefined ? async () => undefined : (pattern) => readS3Glob(s3, bucket, prefix, pattern));
    }
    case 'ssm-parameter': {
      if (!access.instance) throw new Error('no proxy instance: the SSM parameter is read in its region');
      const name = withAccount(source.name, access.account);
      const response = await access.ssm(access.instance.region).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      return withIncludes(`ssm:${name}`, checkedText(`ssm:${name}`, response.Parameter?.Value ?? ''), async () => undefined);
    }
    case 'ssm-run-command': {
      if (!access.instance) throw new Error('no proxy instance to run the command on');
      const name = `ssm-run-command:${access.instance.id}:${source.path}`;
      const text = await readFileThroughRunCommand(access.ssm(access.instance.region), access.instance.id, source.path);
      return withIncludes(name, checkedText(name, text), async () => undefined);
    }
  }
}

type IncludeAnswer = IncludedFile[] | { refused: string } | undefined;

/**
 * Resolve includes round by round: parse with what is known so far, read the patterns the parser asked
 * for, repeat (an included file may include more). A pattern the source cannot read stays missing; one
 * it refuses (outside the source, too large, binary) is recorded with the reason and never read.
 */
async function withIncludes(source: string, text: string, read: (pattern: string) => Promise<IncludeAnswer>): Promise<SquidConfText> {
  const includes: SquidConfText['includes'] = {};
  const unreadable = new Set<string>();
  let total = Buffer.byteLength(text, 'utf8');
  for (let round = 0; round < MAX_INCLUDE_ROUNDS; round++) {
    const wanted = new Set<string>();
    parseSquidConf(text, {
      name: source,
      readInclude: (pattern) => {
        if (includes[pattern]) return includes[pattern];
        if (!unreadable.has(pattern)) wanted.add(pattern);
        return undefined;
      },
    });
    if (wanted.size === 0) break;
    for (const pattern of wanted) {
      let answer: IncludeAnswer;
      try {
        answer = await read(pattern);
      } catch (error) {
        if (!(error instanceof SquidConfRefused)) throw error;
        answer = { refused: error.message };
      }
      if (Array.isArray(answer)) {
        total += answer.reduce((n, f) => n + Buffer.byteLength(f.text, 'utf8'), 0);
        if (total > SQUID_CONF_LIMITS.totalBytes) answer = { refused: `squid.conf and its includes exceed ${SQUID_CONF_LIMITS.totalBytes / 1024 / 1024} MiB together` };
      }
      if (answer) includes[pattern] = answer;
      else unreadable.add(pattern);
    }
  }
  return { source, text, includes };
}

/** glob(3) as Squid uses it for includes, limited to wildcards in the last path segment. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

/** An include of a file source: only inside the directory of the audited squid.conf (symlinks followed). */
function readLocalGlob(root: string, pattern: string): IncludeAnswer {
  const wanted = resolve(root, pattern);
  const outside = () => ({ refused: `outside ${root}${sep}, the directory of the audited squid.conf` });
  if (!isInside(root, wanted)) return outside();
  if (!/[*?]/.test(pattern)) {
    if (!isInside(root, realOrLexical(wanted))) return outside();
    try {
      statSync(wanted);
    } catch {
      return undefined; // not there: Squid fails on it too; the parser reports it unresolved
    }
    return [{ path: pattern, text: readBoundedFile(wanted) }];
  }
  const dir = dirname(wanted);
  if (!isInside(root, realOrLexical(dir))) return outside();
  const match = globToRegExp(basename(wanted));
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => match.test(name)).sort();
  } catch {
    return undefined;
  }
  if (names.length > SQUID_CONF_LIMITS.filesPerPattern) return { refused: `matches ${names.length} files, more than ${SQUID_CONF_LIMITS.filesPerPattern}` };
  const files: IncludedFile[] = [];
  for (const path of names.map((name) => join(dir, name))) {
    if (!isInside(root, realOrLexical(path))) return outside();
    if (!isRegularFile(path)) continue; // glob(3) matches directories too; Squid cannot read them as config
    files.push({ path, text: readBoundedFile(path) });
  }
  return files;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** An S3 object, refused unread when its ContentLength is over the limit. */
async function s3ObjectText(s3: Pick<S3Client, 'send'>, Bucket: string, Key: string, name = `s3://${Bucket}/${Key}`): Promise<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket, Key }));
  if ((response.ContentLength ?? 0) > SQUID_CONF_LIMITS.fileBytes) {
    (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
    throw new SquidConfRefused(`${name}: ${response.ContentLength} bytes, larger than the ${SQUID_CONF_LIMITS.fileBytes / 1024 / 1024} MiB limit for a squid.conf source`);
  }
  return checkedText(name, (await response.Body?.transformToString('utf8')) ?? '');
}

/** include /etc/squid/conf.d/*.conf → the keys <prefix>/etc/squid/conf.d/<match>.conf */
async function readS3Glob(s3: Pick<S3Client, 'send'>, bucket: string, prefix: string, pattern: string): Promise<IncludeAnswer> {
  if (pattern.split('/').includes('..')) return { refused: `".." leaves the include prefix s3://${bucket}/${prefix}/` };
  const keyPattern = `${prefix}${pattern.startsWith('/') ? '' : '/'}${pattern}`;
  const dirPrefix = `${dirname(keyPattern)}/`;
  const match = globToRegExp(keyPattern);
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 as S3Client }, { Bucket: bucket, Prefix: dirPrefix })) {
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? '').filter((k) => match.test(k)));
  }
  keys.sort();
  if (keys.length > SQUID_CONF_LIMITS.filesPerPattern) return { refused: `matches ${keys.length} objects, more than ${SQUID_CONF_LIMITS.filesPerPattern}` };
  return Promise.all(keys.map(async (key) => ({ path: `/${key.slice(prefix.length).replace(/^\/+/, '')}`, text: await s3ObjectText(s3, bucket, key) })));
}

