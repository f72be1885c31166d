/**
 * IAM / S3 policy documents as inventory v1 wants them: parsed JSON objects whose `Statement` is
 * always an array (IAM accepts a single statement object). IAM returns trust policies URL-encoded.
 */
import { parseEmbeddedJson } from '../../input/json.js';
import type { PolicyDocument, PolicyStatement } from '../../inventory/types.js';

export class PolicyDocumentError extends Error {}

export function parsePolicyDocument(text: string, { urlEncoded = false } = {}): PolicyDocument {
  let json = text;
  if (urlEncoded) {
    try {
      json = decodeURIComponent(text);
    } catch {
      throw new PolicyDocumentError('policy document is not valid URL-encoded text');
    }
  }
  let doc: unknown;
  try {
    doc = parseEmbeddedJson(json, 'policy document');
  } catch (err) {
    throw new PolicyDocumentError(err instanceof Error ? err.message : String(err));
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new PolicyDocumentError('policy document is not a JSON object');
  const { Statement, ...rest } = doc as Record<string, unknown>;
  const statements = Statement === undefined ? [] : Array.isArray(Statement) ? Statement : [Statement];
  if (!statements.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s))) {
    throw new PolicyDocumentError('policy Statement entries must be objects');
  }
  return { ...(rest as Omit<PolicyDocument, 'Statement'>), Statement: statements as PolicyStatement[] };
}
