/**
 * IAM policy documents from files (a JSON string in a plan, an object in a template) in the
 * inventory's form: a parsed object whose `Statement` is always an array.
 */
import { ScvGuardError } from '../../errors.js';
import type { PolicyDocument, PolicyStatement } from '../../inventory/types.js';

export function normalizePolicyDocument(value: unknown, file: string, line: number | null): PolicyDocument | null {
  if (value === null || value === undefined || value === '') return null;
  const where = { file, ...(line !== null ? { line } : {}) };
  let doc: unknown = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      throw new ScvGuardError('input-parse', 'policy document is not valid JSON', where);
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ScvGuardError('input-schema', 'expected a policy document object with a Statement', where);
  }
  const { Statement, ...rest } = doc as Record<string, unknown>;
  const statements = Statement === undefined ? [] : Array.isArray(Statement) ? Statement : [Statement];
  for (const s of statements) {
    if (s === null || typeof s !== 'object' || Array.isArray(s) || typeof (s as { Effect?: unknown }).Effect !== 'string') {
      throw new ScvGuardError('input-schema', 'expected every policy Statement to be an object with an Effect', where);
    }
  }
  return { ...(rest as Omit<PolicyDocument, 'Statement'>), Statement: statements as PolicyStatement[] };
}
