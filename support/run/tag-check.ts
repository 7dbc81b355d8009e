import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';

/** A `--tags` expression that cannot be parsed or selects no scenario: refused before anything starts or is written. */
export class TagsError extends Error {
  override name = 'TagsError';
}

/**
 * Parse the features (no support code, no target) and find the scenarios the expression selects, so a
 * bad `--tags` is one line before the emulator starts and before reports/ is touched. Returns the
 * feature file of each selected scenario (which collectors the run can start at once).
 */
export async function assertTagsSelectScenarios(tags: string | undefined, options: { paths?: string[]; profiles?: string[]; always?: string } = {}): Promise<string[]> {
  // `always`: what the run adds to every expression (an audit: `not @exam`); the message names the user's words only.
  const expression = [tags, options.always].filter(Boolean).map((t) => `(${t})`).join(' and ') || undefined;
  const { runConfiguration } = await loadConfiguration({ profiles: options.profiles ?? ['default'], provided: { ...(expression !== undefined ? { tags: expression } : {}), ...(options.paths ? { paths: options.paths } : {}) } }, {});
  let planned: string[];
  try {
    planned = (await loadSources(runConfiguration.sources)).plan.map((p) => p.uri);
  } catch (error) {
    const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    const syntax = /could not be parsed because of syntax error: (.*)$/.exec(cause.split('\n')[0]);
    throw new TagsError(syntax ? `--tags "${tags}": not a tag expression (${syntax[1].replace(/\.$/, '')}); e.g. "@domain:s3 and not @severity:low"` : `--tags "${tags}": ${cause.split('\n')[0].slice(0, 200)}`);
  }
  if (planned.length === 0) throw new TagsError(tags ? `--tags "${tags}": selects no scenario${options.always ? ` (with ${options.always})` : ''} (tags are like @domain:s3, @cis:2.1.4, @severity:critical); reports/ left as it was` : 'no scenario found in the feature files');
  return planned;
}
