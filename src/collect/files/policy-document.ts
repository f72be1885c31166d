/**
 * IAM policy documents from files (a JSON string in a plan, an object in a template) in the
 * inventory's form: a parsed object whose `Statement` is always an array.
 *
 * A value a template cannot know before deploy is null (see cloudformation/evaluate.ts). In the
 * string-or-list fields (`Action`, `Resource`, their `Not` forms, and the principals) an unknown
 * entry is left out and a field that is not known at all is dropped: the document then says only
 * what is known, and rules that need the missing part stay silent.
 */
import { ScvGuardError } from '../../errors.js';
import { parseEmbeddedJson } from '../../input/json.js';
import { setOwn } from '../../own-properties.js';
import type { PolicyDocument, PolicyStatement } from '../../inventory/types.js';

const STRING_LIST_FIELDS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;
const PRINCIPAL_FIELDS = ['Principal', 'NotPrincipal'] as const;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A string or list of strings with unknown (null) entries left out; undefined when nothing is known. */
function knownStrings(v: unknown): unknown {
  if (v === null) return undefined;
  if (!Array.isArray(v)) return v;
  return v.filter((x) => x !== null);
}

function knownPrincipal(v: unknown): unknown {
  if (v === null) return undefined;
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const known = knownStrings(x);
    if (known !== undefined) setOwn(out, k, known);
  }
  return out;
}

function withoutUnknowns(statement: Record<string, unknown>): Record<string, unknown> {
  const out = { ...statement };
  for (const field of STRING_LIST_FIELDS) {
    if (!(field in out)) continue;
    const known = knownStrings(out[field]);
    if (known === undefined) delete out[field];
    else out[field] = known;
  }
  for (const field of PRINCIPAL_FIELDS) {
    if (!(field in out)) continue;
    const known = knownPrincipal(out[field]);
    if (known === undefined) delete out[field];
    else out[field] = known;
  }
  if (out.Sid === null) delete out.Sid;
  return out;
}

export function normalizePolicyDocument(value: unknown, file: string, line: number | null): PolicyDocument | null {
  if (value === null || value === undefined || value === '') return null;
  const where = { file, ...(line !== null ? { line } : {}) };
  let doc: unknown = value;
  if (typeof value === 'string') {
    doc = parseEmbeddedJson(value, 'policy document', where);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ScvGuardError('input-schema', 'expected a policy document object with a Statement', where);
  }
  const { Statement, ...rest } = doc as Record<string, unknown>;
  const statements = Statement === undefined || Statement === null ? [] : Array.isArray(Statement) ? Statement : [Statement];
  for (const s of statements) {
    if (!isObj(s) || typeof s.Effect !== 'string') {
      throw new ScvGuardError('input-schema', 'expected every policy Statement to be an object with an Effect', where);
    }
  }
  if (rest.Version === null) delete rest.Version;
  if (rest.Id === null) delete rest.Id;
  return { ...(rest as Omit<PolicyDocument, 'Statement'>), Statement: (statements as Record<string, unknown>[]).map(withoutUnknowns) as PolicyStatement[] };
}
