import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommandInvocationCommand, SendCommandCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { ReadOnlyException } from '../target/read-only-guard';

/**
 * The only document the audit may run: a custom Command document whose one parameter is the path of
 * squid.conf, limited by allowedValues, and whose one step prints it (support/proxy/print-squid-conf.ssm.json).
 * The audit role may send only this document, and only to instances carrying the proxy tag
 * (support/target/audit-run-command-policy.json): never AWS-RunShellScript, which runs any command as root.
 */
export const PRINT_SQUID_CONF_DOCUMENT = 'AwsPosture-PrintSquidConf';
export const PRINT_SQUID_CONF_DOCUMENT_FILE = join(__dirname, 'print-squid-conf.ssm.json');

/** The paths the shipped document lets through (its allowedValues). */
export function documentAllowedPaths(file = PRINT_SQUID_CONF_DOCUMENT_FILE): string[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { parameters?: { path?: { allowedValues?: string[] } } };
  return doc.parameters?.path?.allowedValues ?? [];
}
const OUTPUT_LIMIT = 24_000; // GetCommandInvocation returns at most this many characters of standard output
const POLL_MS = 1_000;
const TIMEOUT_MS = 60_000;

export type RunCommandClient = Pick<SSMClient, 'send'>;

/** The document's parameters for this path (absolute, plain characters: no shell text ever reaches it). */
export function printParameters(path: string): { path: string[] } {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(path) || path.split('/').includes('..')) throw new Error(`refusing to read "${path}": only absolute paths of plain characters`);
  return { path: [path] };
}

/**
 * SendCommand is not a read, so the read-only guard refuses it — except this one shape: the print
 * document with the configured squid.conf path as its only parameter, and no output bucket.
 */
export function catSquidConfException(path: string): ReadOnlyException {
  const expected = printParameters(path).path[0];
  return (commandName, input) => {
    if (commandName !== 'SendCommand') return false;
    const i = input as { DocumentName?: string; Parameters?: Record<string, string[]>; OutputS3BucketName?: string; [k: string]: unknown };
    const allowedKeys = new Set(['DocumentName', 'InstanceIds', 'Parameters', 'Comment', 'TimeoutSeconds']);
    return (
      i.DocumentName === PRINT_SQUID_CONF_DOCUMENT &&
      Object.keys(i).every((k) => allowedKeys.has(k)) &&
      Object.keys(i.Parameters ?? {}).join(',') === 'path' &&
      i.Parameters?.path?.length === 1 &&
      i.Parameters.path[0] === expected
    );
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Print the file on the instance through the print document and wait (bounded) for its output. */
export async function readFileThroughRunCommand(ssm: RunCommandClient, instanceId: string, path: string, options = { pollMs: POLL_MS, timeoutMs: TIMEOUT_MS }): Promise<string> {
  const sent = await ssm.send(
    new SendCommandCommand({ DocumentName: PRINT_SQUID_CONF_DOCUMENT, InstanceIds: [instanceId], Parameters: printParameters(path), Comment: 'aws-posture: read squid.conf', TimeoutSeconds: 60 }),
  );
  const CommandId = sent.Command?.CommandId;
  if (!CommandId) throw new Error('SendCommand returned no command id');
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      const invocation = await ssm.send(new GetCommandInvocationCommand({ CommandId, InstanceId: instanceId }));
      const status = invocation.Status ?? 'Pending';
      if (status === 'Success') {
        const text = invocation.StandardOutputContent ?? '';
        if (text.length >= OUTPUT_LIMIT) throw new Error(`${path} is longer than the ${OUTPUT_LIMIT} characters Run Command returns; use the s3 or file source`);
        return text;
      }
      if (!['Pending', 'InProgress', 'Delayed'].includes(status)) throw new Error(`Run Command ${status}: ${(invocation.StandardErrorContent ?? '').slice(0, 200)}`);
    } catch (error) {
      // The invocation is not visible for a moment after SendCommand.
      if ((error as { name?: string }).name !== 'InvocationDoesNotExist') throw error;
    }
    if (Date.now() > deadline) throw new Error(`Run Command did not finish within ${options.timeoutMs / 1000}s`);
    await sleep(options.pollMs);
  }
}

/** The read-only exceptions the proxy domain needs for this posture config (none unless it reads via Run Command). */
export function proxyReadExceptions(source: { kind: string; path?: string }): ReadOnlyException[] {
  return source.kind === 'ssm-run-command' && source.path ? [catSquidConfException(source.path)] : [];
}
