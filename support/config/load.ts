import { resolve } from 'node:path';
import type { z } from 'zod';
import { consistencyIssue } from './consistency';
import { postureConfigSchema, type PostureConfig } from './schema';
import { parseYamlText, readSmallTextFile } from './yaml-file';

export const DEFAULT_CONFIG_FILE = 'posture.config.yaml';

/** Bad input: one message that names the file and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function configPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.POSTURE_CONFIG ?? DEFAULT_CONFIG_FILE);
}

export function loadPostureConfig(path: string): PostureConfig {
  return parsePostureConfig(readSmallTextFile(path, ConfigError, `file not found (set POSTURE_CONFIG or create ${DEFAULT_CONFIG_FILE})`), path);
}

export function parsePostureConfig(text: string, file: string): PostureConfig {
  const result = postureConfigSchema.safeParse(parseYamlText(text, file, ConfigError));
  if (!result.success) throw new ConfigError(describeIssue(file, result.error.issues[0]));
  const issue = consistencyIssue(result.data);
  if (issue) throw new ConfigError(`${file}: ${issue.field}: ${issue.problem}`);
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
