import type { PolicyDocument } from '../types/s3';

/** A policy document with Statement always an array (AWS allows a single object). */
export function parsePolicyDocument(text: string | undefined): PolicyDocument | null {
  if (!text) return null;
  const parsed = JSON.parse(text) as { Statement?: unknown };
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  return { ...(parsed as object), Statement: statements } as PolicyDocument;
}
