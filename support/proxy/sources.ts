import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SquidConfSource } from '../config/sections/proxy';
import { parseSquidConf } from '../evaluators/squid/parse';
import type { IncludedFile, SquidConfText } from '../inventory/types/proxy';
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

/** Read squid.conf and every file it includes, from the source the posture config names. */
export async function readSquidConf(source: SquidConfSource, access: SourceAccess): Promise<SquidConfText> {
  switch (source.kind) {
    case 'file':
      return withIncludes(source.path, readFileSync(source.path, 'utf8'), async (pattern) => readLocalGlob(pattern));
    case 's3': {
      const bucket = withAccount(source.bucket, access.account);
      const s3 = access.s3();
      const text = await s3ObjectText(s3, bucket, source.key);
      const prefix = source.includePrefix?.replace(/\/+$/, '');
      return withIncludes(`s3://${bucket}/${source.key}`, text, prefix === undefined ? async () => undefined : (pattern) => readS3Glob(s3, bucket, prefix, pattern));
    }
    case 'ssm-parameter': {
      if (!access.instance) throw new Error('no proxy instance: the SSM parameter is read in its region');
      const name = withAccount(source.name, access.account);
      const response = await access.ssm(access.instance.region).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      return withIncludes(`ssm:${name}`, response.Parameter?.Value ?? '', async () => undefined);
    }
    case 'ssm-run-command': {
      if (!access.instance) throw new Error('no proxy instance to run the command on');
      const text = await readFileThroughRunCommand(access.ssm(access.instance.region), access.instance.id, source.path);
      return withIncludes(`ssm-run-command:${access.instance.id}:${source.path}`, text, async () => undefined);
    }
  }
}

/**
 * Resolve includes round by round: parse with what is known so far, read the patterns the parser asked
 * for, repeat (an included file may include more). A pattern the source cannot read stays missing.
 */
async function withIncludes(source: string, text: string, read: (pattern: string) => Promise<IncludedFile[] | undefined>): Promise<SquidConfText> {
  const includes: Record<string, IncludedFile[]> = {};
  const unreadable = new Set<string>();
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
      const files = await read(pattern);
      if (files) includes[pattern] = files;
      else unreadable.add(pattern);
    }
  }
  return { source, text, includes };
}

/** glob(3) as Squid uses it for includes, limited to wildcards in the last path segment. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

function readLocalGlob(pattern: string): IncludedFile[] | undefined {
  try {
    if (!/[*?]/.test(pattern)) return [{ path: pattern, text: readFileSync(pattern, 'utf8') }];
    const dir = dirname(pattern);
    const match = globToRegExp(basename(pattern));
    return readdirSync(dir)
      .filter((name) => match.test(name))
      .sort()
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile())
      .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  } catch {
    return undefined;
  }
}

async function s3ObjectText(s3: Pick<S3Client, 'send'>, Bucket: string, Key: string): Promise<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return (await response.Body?.transformToString('utf8')) ?? '';
}

/** include /etc/squid/conf.d/*.conf → the keys <prefix>/etc/squid/conf.d/<match>.conf */
async function readS3Glob(s3: Pick<S3Client, 'send'>, bucket: string, prefix: string, pattern: string): Promise<IncludedFile[]> {
  const keyPattern = `${prefix}${pattern.startsWith('/') ? '' : '/'}${pattern}`;
  const dirPrefix = `${dirname(keyPattern)}/`;
  const match = globToRegExp(keyPattern);
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 as S3Client }, { Bucket: bucket, Prefix: dirPrefix })) {
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? '').filter((k) => match.test(k)));
  }
  keys.sort();
  return Promise.all(keys.map(async (key) => ({ path: `/${key.slice(prefix.length).replace(/^\/+/, '')}`, text: await s3ObjectText(s3, bucket, key) })));
}

