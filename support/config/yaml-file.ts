import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';

/** Posture config and waivers files are hand-written: anything larger is a mistake, refused before it is read. */
export const YAML_FILE_LIMIT_BYTES = 1024 * 1024;
/** Aliases expanded per document; an alias bomb ("billion laughs") stops at this count. */
export const YAML_ALIAS_LIMIT = 100;

type ErrorClass = new (message: string) => Error;

/**
 * Read a small YAML input file: a missing file, a directory, a device or FIFO, a file over the limit, an
 * unreadable file and every kind of YAML error are one `Failure` naming the file (never a stack trace, never a hang).
 */
export function readYamlFile(path: string, Failure: ErrorClass, notFound: string, limitBytes = YAML_FILE_LIMIT_BYTES): unknown {
  return parseYamlText(readSmallTextFile(path, Failure, notFound, limitBytes), path, Failure);
}

/** The text of a regular file of at most `limitBytes`; checked before reading, and the read itself is bounded. */
export function readSmallTextFile(path: string, Failure: ErrorClass, notFound: string, limitBytes = YAML_FILE_LIMIT_BYTES): string {
  let kind: ReturnType<typeof statSync>;
  try {
    kind = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(code === 'ENOENT' || code === 'ENOTDIR' ? `${path}: ${notFound}` : `${path}: cannot read (${code ?? (error as Error).message})`);
  }
  if (!kind.isFile()) throw new Failure(`${path}: not a regular file (${kind.isDirectory() ? 'a directory' : 'a device, socket or pipe'})`);
  if (kind.size > limitBytes) throw new Failure(`${path}: ${kind.size} bytes, more than the ${limitBytes}-byte limit for this file`);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    // The file may have grown since stat: read at most one byte past the limit to notice.
    const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, limitBytes) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limitBytes) throw new Failure(`${path}: more than the ${limitBytes}-byte limit for this file`);
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** YAML text → plain data; syntax errors (with their line), alias bombs and anything else the parser throws are one line. */
export function parseYamlText(text: string, file: string, Failure: ErrorClass): unknown {
  try {
    const document = parseDocument(text, { prettyErrors: true });
    if (document.errors.length > 0) {
      const error = document.errors[0];
      const line = error.linePos?.[0];
      throw new Failure(`${file}${line ? `:${line.line}` : ''}: not valid YAML (${firstLine(error.message)})`);
    }
    return document.toJS({ maxAliasCount: YAML_ALIAS_LIMIT }) ?? {};
  } catch (error) {
    if (error instanceof Failure) throw error;
    const message = firstLine((error as Error).message ?? String(error));
    const bomb = /alias count/i.test(message);
    throw new Failure(`${file}: not valid YAML (${bomb ? `more than ${YAML_ALIAS_LIMIT} alias expansions: refused as a resource-exhaustion attack` : message.slice(0, 200)})`);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
