/** Where a directive came from: the file (or source name) and line, and the line as written (redacted, capped). */
export interface SourceLine {
  file: string;
  line: number;
  text: string;
}

export interface AclDefinition {
  name: string;
  type: string;
  values: string[];
  /** Every line that added values (an acl may be spread over several lines of the same type). */
  lines: SourceLine[];
  predefined: boolean;
}

export interface AclReference {
  name: string;
  negated: boolean;
}

/** One http_access (or *_header_access) line: an action when every listed acl matches. */
export interface AccessRule {
  action: 'allow' | 'deny';
  acls: AclReference[];
  at: SourceLine;
}

export interface HeaderRule extends AccessRule {
  header: string;
}

export interface HttpPort {
  address?: string;
  port: number;
  options: string[];
  at: SourceLine;
}

export interface Setting {
  value: string;
  at: SourceLine;
}

/** What Squid would refuse (fatal), or what the suite cannot model. */
export interface ConfigProblem {
  at: SourceLine;
  problem: string;
}

export interface SquidConfig {
  acls: Map<string, AclDefinition>;
  httpAccess: AccessRule[];
  httpPorts: HttpPort[];
  requestHeaderAccess: HeaderRule[];
  replyHeaderAccess: HeaderRule[];
  forwardedFor?: Setting;
  via?: Setting;
  /** Lines Squid refuses: an unknown directive (e.g. "http_port8080"), a bad value, an undefined acl. */
  errors: ConfigProblem[];
  /** Includes and acl files the reader could not supply (or refused): the config is not fully known. */
  unresolved: ConfigProblem[];
  /** Lines Squid 5.7 reads and then ignores ("Access line contains no ACL's, skipping"): evidence, not errors. */
  skipped: ConfigProblem[];
  /** The whole configuration with includes inlined, as Squid reads it. */
  flattened: string;
}

/**
 * Reads what squid.conf refers to (include patterns, "quoted" acl files). Returns the matching files,
 * `{ refused }` when the path lies outside the configured source (never read), or undefined when the
 * source cannot read that path (e.g. a config held in an SSM parameter).
 */
export type IncludeReader = (pattern: string) => { path: string; text: string }[] | { refused: string } | undefined;
