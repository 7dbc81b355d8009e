import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Limits on what an audited squid.conf source may hand the parser. A stock Debian squid.conf is 350 KB
 * with its comments; anything larger, not a regular file, or binary is refused before it is read whole.
 */
export const SQUID_CONF_LIMITS = {
  /** One file: squid.conf, an included file or an acl values file. */
  fileBytes: 1024 * 1024,
  /** Everything one squid.conf pulls in through includes and acl files, together. */
  totalBytes: 4 * 1024 * 1024,
  /** Files one include pattern may match. */
  filesPerPattern: 64,
} as const;

/** Why a source was not read: one line, named by the error's name in the not-verified reason. */
export class SquidConfRefused extends Error {
  override name = 'SquidConfRefused';
}

const MIB = 1024 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a fifo';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Text of a source after the checks every source shares: size and no NUL bytes (a binary file). */
export function checkedText(name: string, text: string, limit: number = SQUID_CONF_LIMITS.fileBytes): string {
  if (Buffer.byteLength(text, 'utf8') > limit) throw new SquidConfRefused(`${name}: larger than the ${limit / MIB} MiB limit for a squid.conf source`);
  if (text.includes('\0')) throw new SquidConfRefused(`${name}: binary content (NUL bytes), not a squid.conf`);
  return text;
}

/**
 * Read a local file only if it is a regular file within the limit. Opened non-blocking and checked on
 * the open descriptor, so a fifo, a device or a directory never blocks or streams: refused at once.
 */
export function readBoundedFile(path: string, limit: number = SQUID_CONF_LIMITS.fileBytes): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EISDIR') throw new SquidConfRefused(`${path}: a directory, not a regular file`);
    throw new SquidConfRefused(`${path}: cannot be opened (${code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new SquidConfRefused(`${path}: ${kindOf(stats)}, not a regular file`);
    if (stats.size > limit) throw new SquidConfRefused(`${path}: ${stats.size} bytes, larger than the ${limit / MIB} MiB limit for a squid.conf source`);
    const buffer = Buffer.alloc(Math.min(stats.size, limit) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw new SquidConfRefused(`${path}: grew beyond the ${limit / MIB} MiB limit while read`);
    return checkedText(path, buffer.subarray(0, length).toString('utf8'), limit);
  } finally {
    closeSync(fd);
  }
}

/** Is `path` (resolved, symlinks followed where it exists) inside `root`? */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path when it exists, else the lexical one (a missing file is simply not found later). */
export function realOrLexical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
