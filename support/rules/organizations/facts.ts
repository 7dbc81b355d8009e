import type { PolicyJson } from '../../evaluators/permissions/evaluate';

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}

export const statementsOf = (document: PolicyJson): PolicyStatement[] => (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter(Boolean) as PolicyStatement[];
export const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
export const hasAllowStatement = (document: PolicyJson): boolean => statementsOf(document).some((s) => s.Effect === 'Allow');

/** The same document with only its Allow statements: what a level allows, deny statements aside. */
export function allowsOnly(document: PolicyJson): PolicyJson {
  return { Version: document.Version ?? '2012-10-17', Statement: statementsOf(document).filter((s) => s.Effect === 'Allow') };
}
