import { join } from 'node:path';
import { IdGenerator } from '@cucumber/messages';

/** A `--tags` expression that cannot be parsed or selects no scenario: refused before anything starts or is written. */
export class TagsError extends Error {
  override name = 'TagsError';
}

interface Coordinates {
  paths: string[];
  defaultDialect: string;
  names: string[];
  tagExpression: string;
  order: string;
}
interface FilterablePickle {
  pickle: { uri: string };
}
/** The three pieces of cucumber's own loadSources (same path expansion, parser and filter), loaded alone. */
interface CucumberSources {
  resolvePaths(logger: unknown, cwd: string, sources: Coordinates): Promise<{ sourcePaths: string[]; unexpandedSourcePaths: string[] }>;
  getPicklesAndErrors(options: { newId: () => string; cwd: string; sourcePaths: string[]; coordinates: Coordinates }): Promise<{ filterablePickles: FilterablePickle[] }>;
  PickleFilter: new (options: { cwd: string; featurePaths: string[]; names: string[]; tagExpression: string }) => { matches(pickle: FilterablePickle): boolean };
}

function cucumberSources(): CucumberSources {
  return {
    resolvePaths: require('@cucumber/cucumber/lib/paths/paths').resolvePaths,
    getPicklesAndErrors: require('@cucumber/cucumber/lib/api/gherkin').getPicklesAndErrors,
    PickleFilter: require('@cucumber/cucumber/lib/pickle_filter').default,
  };
}

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Parse the features (no support code, no target) and find the scenarios the expression selects, so a
 * bad `--tags` is one line before the emulator starts and before reports/ is touched. Returns the
 * feature file of each selected scenario (which collectors the run can start at once).
 *
 * cucumber's loadSources does the same with its whole API and configuration loader loaded first (a
 * third of a second before an audit's first call): here its path expansion, Gherkin parser and pickle
 * filter run alone, over the default profile's feature paths (cucumber.js) and the given ones.
 */
export async function assertTagsSelectScenarios(tags: string | undefined, options: { paths?: string[]; always?: string } = {}): Promise<string[]> {
  // `always`: what the run adds to every expression (an audit: `not @exam`); the message names the user's words only.
  const expression = [tags, options.always].filter(Boolean).map((t) => `(${t})`).join(' and ');
  const cwd = process.cwd();
  // Given paths are added to the profile's, as cucumber 12 merges them.
  const coordinates: Coordinates = { paths: [...profilePaths(cwd), ...(options.paths ?? [])], defaultDialect: 'en', names: [], tagExpression: expression, order: 'defined' };
  const sources = cucumberSources();
  let planned: string[];
  try {
    const { sourcePaths, unexpandedSourcePaths } = await sources.resolvePaths(QUIET, cwd, coordinates);
    const filter = new sources.PickleFilter({ cwd, featurePaths: unexpandedSourcePaths, names: [], tagExpression: expression });
    const { filterablePickles } = await sources.getPicklesAndErrors({ newId: IdGenerator.uuid(), cwd, sourcePaths, coordinates });
    planned = filterablePickles.filter((p) => filter.matches(p)).map((p) => p.pickle.uri);
  } catch (error) {
    const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    const syntax = /could not be parsed because of syntax error: (.*)$/.exec(cause.split('\n')[0]);
    throw new TagsError(syntax ? `--tags "${tags}": not a tag expression (${syntax[1].replace(/\.$/, '')}); e.g. "@domain:s3 and not @severity:low"` : `--tags "${tags}": ${cause.split('\n')[0].slice(0, 200)}`);
  }
  if (planned.length === 0) throw new TagsError(tags ? `--tags "${tags}": selects no scenario${options.always ? ` (with ${options.always})` : ''} (tags are like @domain:s3, @cis:2.1.4, @severity:critical); reports/ left as it was` : 'no scenario found in the feature files');
  return planned;
}

/** The feature paths of cucumber.js's default profile, as cucumber's configuration loader reads them. */
function profilePaths(cwd: string): string[] {
  const profiles = require(join(cwd, 'cucumber.js')) as { default?: { paths?: string[] } };
  return profiles.default?.paths ?? [];
}
