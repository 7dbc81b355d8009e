import type { InitializeMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * The audit reads, never writes. An explicit allow-list of read verbs, checked before a request is
 * serialized or signed, so a mutating call cannot leave the process even if a collector asks for one.
 */
const READ_PREFIXES = ['Describe', 'List', 'Get', 'Head', 'Lookup', 'Search', 'Select'];

/** Reads that do not start with a read verb. Each one changes nothing in the account. */
const READ_EXCEPTIONS = new Set([
  'GenerateCredentialReport', // IAM: (re)builds the credential report, which is then read; ReadOnlyAccess allows it
  'AssumeRole', // STS: obtains read credentials for a member account (organization fan-out)
  'SimulatePrincipalPolicy',
  'SimulateCustomPolicy',
]);

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
  constructor(readonly commandName: string, readonly clientName: string) {
    super(`read-only guard: ${clientName} ${commandName} is not a read; the audit never changes an account`);
  }
}

export function isReadCommand(commandName: string): boolean {
  if (READ_EXCEPTIONS.has(commandName)) return true;
  return READ_PREFIXES.some((prefix) => commandName.startsWith(prefix) && /^[A-Z]/.test(commandName.slice(prefix.length)));
}

/** A narrowly scoped write that a collector may need (e.g. SSM Run Command reading a file); decided per call. */
export type ReadOnlyException = (commandName: string, input: unknown) => boolean;

export function readOnlyGuard(extra: ReadOnlyException[] = []): Pluggable<any, MetadataBearer> {
  const middleware: InitializeMiddleware<any, MetadataBearer> = (next, context) => async (args) => {
    const commandName = String(context.commandName ?? '').replace(/Command$/, '');
    if (!isReadCommand(commandName) && !extra.some((allow) => allow(commandName, args.input))) {
      throw new ReadOnlyViolation(commandName, String(context.clientName ?? 'client'));
    }
    return next(args);
  };
  return {
    applyToStack: (stack) => {
      stack.add(middleware, { step: 'initialize', name: 'postureReadOnlyGuard', priority: 'high' });
    },
  };
}
