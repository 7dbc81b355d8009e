/** The @domain: tag of a scenario (feature tags are inherited by pickles), else the features/<domain>/ folder. */
export function domainOf(tags: readonly string[], uri = ''): string {
  const tag = tags.find((t) => t.startsWith('@domain:'));
  if (tag) return tag.slice('@domain:'.length);
  const folder = /(?:^|\/)features\/([^/]+)\//.exec(uri.replace(/\\/g, '/'));
  return folder ? folder[1] : 'other';
}

export function tagValues(tags: readonly string[], name: string): string[] {
  const prefix = `@${name}:`;
  return tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
}
