import type { FinalizeRequestMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * S3 Control puts the account id in front of the host (<account>.localhost). Against a custom
 * endpoint that host does not resolve, so the prefix is taken off again just before sending.
 */
export function stripAccountHostPrefix(endpoint: string): Pluggable<any, MetadataBearer> {
  const host = new URL(endpoint).hostname;
  const middleware: FinalizeRequestMiddleware<any, MetadataBearer> = (next) => async (args) => {
    const request = args.request as { hostname?: string; headers?: Record<string, string> };
    if (request.hostname && request.hostname.endsWith(`.${host}`)) {
      request.hostname = host;
      if (request.headers?.host) request.headers.host = request.headers.host.replace(/^\d{12}\./, '');
    }
    return next(args);
  };
  return {
    applyToStack: (stack) => {
      stack.add(middleware, { step: 'finalizeRequest', name: 'postureStripAccountHostPrefix', priority: 'high' });
    },
  };
}

/** S3 Control only accepts hostnames; 127.0.0.1 would become "<account>.127.0.0.1", which is no URL. */
export function s3ControlEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  return url.toString().replace(/\/$/, '');
}
