/**
 * json.verify_schema and json.match_schema (JSON Schema draft-07) with OPA's result shapes:
 * [ok, error-or-null] and [ok, [{error, type, field, desc}]]; descriptions follow the wording of
 * the gojsonschema library OPA uses for the common keywords.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RegoObject, toJSON, type Value } from '../value.js';
import { def, operandTypeError } from './args.js';
import { BuiltinError, type Builtin } from './types.js';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: true });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();

function schemaJSON(name: string, v: Value, pos: number): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch (e) {
      throw new BuiltinError(name, `operand ${pos} is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (v instanceof RegoObject || typeof v === 'boolean') return toJSON(v);
  throw operandTypeError(name, pos, v, 'string', 'object', 'boolean');
}

/** Compiles a schema or returns the reason it is not one. */
function compileSchema(schema: unknown): ValidateFunction | string {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  try {
    const fn = ajv.compile(schema as object);
    if (compiled.size >= 200) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, fn);
    return fn;
  } catch (e) {
    return (e as Error).message;
  }
}

const TYPES: Record<string, string> = {
  required: 'required',
  type: 'invalid_type',
  enum: 'enum',
  const: 'const',
  additionalProperties: 'additional_property_not_allowed',
  minimum: 'number_gte',
  maximum: 'number_lte',
  exclusiveMinimum: 'number_gt',
  exclusiveMaximum: 'number_lt',
  minLength: 'string_gte',
  maxLength: 'string_lte',
  pattern: 'pattern',
  format: 'format',
  minItems: 'array_min_items',
  maxItems: 'array_max_items',
  uniqueItems: 'unique',
  multipleOf: 'multiple_of',
};

function jsonType(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

function describe(e: ErrorObject, field: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${String(p.missingProperty)} is required`;
    case 'type':
      return `Invalid type. Expected: ${String(p.type).replaceAll(',', ', ')}, given: ${jsonType(e.data)}`;
    case 'enum':
      return `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'additionalProperties':
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    default:
      return e.message ?? e.keyword;
  }
}

function toResult(e: ErrorObject): Value {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const field = path.length === 0 ? '(root)' : path.join('.');
  const desc = describe(e, field);
  return new RegoObject([
    ['error', `${field}: ${desc}`],
    ['type', TYPES[e.keyword] ?? e.keyword],
    ['field', field],
    ['desc', desc],
  ]);
}

export const SCHEMA_BUILTINS: Builtin[] = [
  def('json.verify_schema', 1, ([s]) => {
    const fn = compileSchema(schemaJSON('json.verify_schema', s!, 1));
    return typeof fn === 'string' ? [false, fn] : [true, null];
  }),
  def('json.match_schema', 2, ([doc, s]) => {
    const fn = compileSchema(schemaJSON('json.match_schema', s!, 2));
    if (typeof fn === 'string') throw new BuiltinError('json.match_schema', `invalid JSON schema: ${fn}`);
    const document = typeof doc === 'string' ? schemaJSON('json.match_schema', doc, 1) : toJSON(doc!);
    if (fn(document)) return [true, []];
    return [false, (fn.errors ?? []).map(toResult)];
  }),
];
