/**
 * IAM policy documents from files (a JSON string in a plan, an object in a template) in the
 * inventory's form: a parsed object whose `Statement` is always an array.
 *
 * A value a template cannot know before deploy is null (see cloudformation/evaluate.ts). In the
 * string-or-list fields (`Action`, `Resource`, their `Not` forms, and the principals) an unknown
 * entry is left out and a field that is not known at all is dropped: the document then says only
 * what is known, and rules that need the missing part stay silent.
 */
import { ScvGuardError, type ErrorLocation } from '../../errors.js';
import { jsonPathText, parseEmbeddedJson, type JsonPathSegment } from '../../input/json.js';
import { setOwn } from '../../own-properties.js';
import type { Origin, PolicyDocument, PolicyStatement } from '../../inventory/types.js';
import { parseJsonWithPositions } from './json-positions.js';
import { isRecord } from '../../plain-objects.js';

const STRING_LIST_FIELDS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;
const PRINCIPAL_FIELDS = ['Principal', 'NotPrincipal'] as const;

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** A string or list of strings with unknown (null) entries left out; undefined when nothing is known. */
function knownStrings(v: unknown): unknown {
  if (v === null) return undefined;
  if (!Array.isArray(v)) return v;
  return v.filter((x) => x !== null);
}

function knownPrincipal(v: unknown): unknown {
  if (v === null) return undefined;
  if (!isRecord(v)) return v;
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

/** The place of a declared resource, when the reader knows no better place for its policy. */
export function placeOf(origin: Origin): ErrorLocation {
  return { file: origin.file, ...(origin.line !== null ? { line: origin.line } : {}), ...(origin.line !== null && origin.column != null ? { column: origin.column } : {}) };
}

/**
 * A policy document as a plan (JSON string) or template (object) gives it, in the inventory's
 * form. `where` is the attribute holding it: the file, its JSON path in the plan
 * (`$.resource_changes[3].change.after.assume_role_policy`) or template, and its position. A
 * problem inside the document is named by its place in the document too — the line and column
 * inside the string and the path (`$.Statement[1].Effect`) — never by quoting it.
 */
export function normalizePolicyDocument(value: unknown, where: ErrorLocation): PolicyDocument | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'string' ? value : null;
  const doc: unknown = text !== null ? parseEmbeddedJson(text, 'policy document', where) : value;
  const fail = (message: string, path: JsonPathSegment[]): never => {
    const inside = text !== null ? parseJsonWithPositions(text, where.file ?? 'policy document').positionOf(path) : null;
    const at = `${inside ? `line ${inside.line}, column ${inside.column}, ` : ''}${jsonPathText(path)}`;
    throw new ScvGuardError('input-schema', `policy document: ${message} (at ${at} of the policy document)`, where);
  };
  if (!isRecord(doc)) return fail(`expected an object with a Statement, found ${kindOf(doc)}`, []);
  const { Statement, ...rest } = doc;
  const statements = Statement === undefined || Statement === null ? [] : Array.isArray(Statement) ? Statement : [Statement];
  statements.forEach((s: unknown, i) => {
    const path: JsonPathSegment[] = Array.isArray(Statement) ? ['Statement', i] : ['Statement'];
    if (!isRecord(s)) fail(`expected a Statement object, found ${kindOf(s)}`, path);
    else if (s.Effect === undefined) fail('expected the Statement to have an Effect', path);
    else if (typeof s.Effect !== 'string') fail(`expected Effect to be a string, found ${kindOf(s.Effect)}`, [...path, 'Effect']);
  });
  if (rest.Version === null) delete rest.Version;
  if (rest.Id === null) delete rest.Id;
  return { ...(rest as Omit<PolicyDocument, 'Statement'>), Statement: (statements as Record<string, unknown>[]).map(withoutUnknowns) as PolicyStatement[] };
}
