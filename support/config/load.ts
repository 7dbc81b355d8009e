import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { postureConfigSchema, type PostureConfig } from './schema';

export const DEFAULT_CONFIG_FILE = 'posture.config.yaml';

/** Bad input: one message that names the file and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function configPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.POSTURE_CONFIG ?? DEFAULT_CONFIG_FILE);
}

export function loadPostureConfig(path: string): PostureConfig {
  if (!existsSync(path)) throw new ConfigError(`${path}: file not found (set POSTURE_CONFIG or create ${DEFAULT_CONFIG_FILE})`);
  return parsePostureConfig(readFileSync(path, 'utf8'), path);
}

export function parsePostureConfig(text: string, file: string): PostureConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = error.linePos?.[0];
    throw new ConfigError(`${file}${line ? `:${line.line}` : ''}: not valid YAML (${error.message.split('\n')[0]})`);
  }
  const result = postureConfigSchema.safeParse(document.toJS() ?? {});
  if (!result.success) throw new ConfigError(describeIssue(file, result.error.issues[0]));
  return result.data;
}

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `${file}: ${keys.join(', ')}: unknown key${keys.length > 1 ? 's' : ''}`;
  }
  return `${file}: ${path || '(top level)'}: ${issue.message}`;
}
