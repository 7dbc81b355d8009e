/**
 * What the real-Squid check sends and records: plain data and constants, no I/O, so that the rule
 * (support/rules/proxy/real-squid-behaviour.ts) and the inventory types can read it.
 */
export const ORIGIN = { address: '203.0.113.80', port: 80 }; // TEST-NET-3, inside the proxy namespace only

/** One request a client sends: the method and the port in the URL (CONNECT: the tunnel's port). */
export interface ProbeRequest {
  method: string;
  port: number;
}

export interface Probe {
  /** e.g. "inside the VPC" */
  label: string;
  address: string;
  expect: 'served' | 'refused';
  /** Further requests beside the main GET to port 80 (each shape the evaluator tells apart). */
  requests?: ProbeRequest[];
}

/** What the proxy answered to one request (403: http_access denied it; any other status: it got past). */
export interface ProbeAnswer extends ProbeRequest {
  status?: number;
  error?: string;
}

export interface ProbeResult extends Probe {
  /** The main request: GET http://origin/ (port 80). */
  status?: number;
  error?: string;
  /** Headers the origin received for this client's request (absent: the request never reached it). */
  originSaw?: Record<string, string | string[] | undefined>;
  /** Identifying headers in the reply the client got. */
  replyHeaders?: Record<string, string | string[] | undefined>;
  /** Every request this client sent, the main one first, with Squid's answer. */
  answers?: ProbeAnswer[];
}

export type RealSquidOutcome =
  | { kind: 'cannot-run'; reason: string }
  | { kind: 'refused-config'; squidVersion: string; rewrites: string[]; messages: string[] }
  | { kind: 'ran'; squidVersion: string; rewrites: string[]; proxyPort?: number; probes: ProbeResult[] };

/** The main request every client sends first. */
export const MAIN_REQUEST: ProbeRequest = { method: 'GET', port: ORIGIN.port };
