import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConfiguration } from '@cucumber/cucumber/api';

type Configuration = Partial<IConfiguration>;

/** What cucumber's loadConfiguration is given: profiles of the configuration file, and additions. */
export interface ConfigurationRequest {
  profiles?: string[];
  provided?: Configuration;
}

/**
 * cucumber's loadConfiguration options for this project, with cucumber.js read here. For a `.js`
 * configuration file cucumber imports read-package-up (normalize-package-data, spdx, …) to learn the
 * module type from package.json: ~90 ms of every start. Here package.json is read as JSON; when it
 * declares ES modules, or cucumber.js is missing or exports a function, cucumber finds and reads the
 * file itself. Profiles are merged with cucumber's own merge, so the configuration is the same.
 */
export function configurationOptions(request: ConfigurationRequest, cwd: string = process.cwd()): { file?: false; profiles?: string[]; provided?: Configuration } {
  const profiles = request.profiles ?? ['default'];
  const definitions = commonJsProfiles(cwd);
  if (!definitions) return { profiles, provided: request.provided ?? {} };
  const { mergeConfigurations, parseConfiguration } = require('@cucumber/cucumber/lib/configuration/index') as CucumberConfigurationModule;
  // As cucumber: a file without a default profile has an empty one.
  const defined: Record<string, unknown> = { default: {}, ...definitions };
  const missing = profiles.find((name) => !(name in defined));
  if (missing !== undefined) throw new Error(`Requested profile "${missing}" doesn't exist`); // cucumber's words
  const fromProfiles = profiles.map((name) => parseConfiguration(SILENT, `Profile "${name}"`, defined[name] as Configuration));
  return { file: false, provided: mergeConfigurations({}, ...fromProfiles, request.provided ?? {}) };
}

/** cucumber.js's exports when it is a CommonJS file of profiles; undefined when cucumber must decide. */
function commonJsProfiles(cwd: string): Record<string, unknown> | undefined {
  const file = join(cwd, 'cucumber.js');
  if (!existsSync(file)) return undefined;
  let type: unknown;
  try {
    type = (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { type?: unknown }).type;
  } catch {
    return undefined; // no package.json here: cucumber looks further up
  }
  if (type === 'module') return undefined;
  const definitions = require(file) as Record<string, unknown>;
  return typeof definitions === 'object' && definitions !== null && typeof definitions.default !== 'function' ? definitions : undefined;
}

/** The two functions of cucumber's configuration module used here (its lib/* export ships no types). */
interface CucumberConfigurationModule {
  mergeConfigurations(source: Configuration, ...configurations: Configuration[]): Configuration;
  parseConfiguration(logger: typeof SILENT, source: string, definition: Configuration | undefined): Configuration;
}

const SILENT = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
