/**
 * Validation of a parsed document against the inventory v1 schema, with ajv errors turned into
 * readable one-line problems: the JSON path (`$.aws.accounts[0].connectInstances[1].region`) and
 * what was expected there.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ProblemListError } from '../errors.js';
import { VALUE_SHAPES, inventorySchema } from './schema.js';
import { INVENTORY_SCHEMA_VERSION, type Inventory } from './types.js';

const addFormats = addFormatsModule.default ?? addFormatsModule;

export interface SchemaProblem {
  /** JSON path of the offending value, `$` for the document itself. */
  path: string;
  message: string;
  /** 1-based line of the offending node in the source file, when known. */
  line?: number;
}

/** A schema violation; `problems` holds every violation found, and the message lists them (one a line). */
export class InventorySchemaError extends ProblemListError {
  constructor(file: string | undefined, problems: SchemaProblem[]) {
    super(
      'input-schema',
      problems.map((p) => ({
        message: p.message,
        location: { ...(file !== undefined ? { file } : {}), ...(p.line !== undefined ? { line: p.line } : {}), path: p.path },
      })),
    );
    this.name = 'InventorySchemaError';
  }
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ['date-time']);
    compiled = ajv.compile(inventorySchema);
  }
  return compiled;
}

/** Finds the source line of a JSON path's node, when the loader can tell. */
export type LineLocator = (path: (string | number)[]) => number | undefined;

/**
 * Every schema problem of `value`, in document order. An unsupported `schemaVersion` is reported
 * alone: the rest of the document follows another contract.
 */
export function inventoryProblems(value: unknown, locate?: LineLocator): SchemaProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path: '$', message: `expected an inventory object, got ${describeType(value)}` }];
  }
  const version = (value as Record<string, unknown>).schemaVersion;
  if (version === undefined) {
    return [withLine({ path: '$.schemaVersion', message: `missing required field (expected "${INVENTORY_SCHEMA_VERSION}")` }, [], locate)];
  }
  if (version !== INVENTORY_SCHEMA_VERSION) {
    return [
      withLine(
        {
          path: '$.schemaVersion',
          message: `unsupported inventory schemaVersion ${JSON.stringify(version)}: this scv-guard reads schemaVersion "${INVENTORY_SCHEMA_VERSION}"`,
        },
        ['schemaVersion'],
        locate,
      ),
    ];
  }
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((err) => problemOf(err, value, locate));
}

/** Returns `value` as an Inventory, or throws InventorySchemaError naming the file and path. */
export function validateInventory(value: unknown, file?: string, locate?: LineLocator): Inventory {
  const problems = inventoryProblems(value, locate);
  if (problems.length > 0) throw new InventorySchemaError(file, problems);
  return value as Inventory;
}

function withLine(problem: SchemaProblem, segments: (string | number)[], locate?: LineLocator): SchemaProblem {
  const line = locate?.(segments);
  return line !== undefined ? { ...problem, line } : problem;
}

function problemOf(err: ErrorObject, root: unknown, locate?: LineLocator): SchemaProblem {
  const segments = pointerSegments(err.instancePath, root);
  const params = err.params as Record<string, unknown>;
  const parent = (err.parentSchema ?? {}) as Record<string, unknown>;
  switch (err.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      // The missing field has no line of its own; point at the object that lacks it.
      return withLine({ path: jsonPath([...segments, field]), message: 'missing required field' }, segments, locate);
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as Record<string, unknown>) ?? {});
      const message = allowed.length > 0 ? `unknown field (allowed: ${allowed.join(', ')})` : 'unknown field';
      return withLine({ path: jsonPath([...segments, field]), message }, [...segments, field], locate);
    }
    default:
      return withLine({ path: jsonPath(segments), message: expectation(err, parent) }, segments, locate);
  }
}

/** What the schema's patterns and formats stand for, in the words of an error message. */
const SHAPE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(VALUE_SHAPES).map((shape) => ['pattern' in shape ? shape.pattern : shape.format, shape.name]),
);

function expectation(err: ErrorObject, parent: Record<string, unknown>): string {
  const params = err.params as Record<string, unknown>;
  const got = `got ${describeValue(err.data)}`;
  const orNull = parent.nullable === true ? ' or null' : '';
  switch (err.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      return `expected ${types.map(article).join(' or ')}${orNull}, ${got}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).filter((v) => v !== null).map((v) => JSON.stringify(v));
      return `expected one of ${allowed.join(', ')}${orNull}, ${got}`;
    }
    case 'const':
      return `expected ${JSON.stringify(params.allowedValue)}, ${got}`;
    case 'format':
    case 'pattern': {
      const shape = String(params.pattern ?? params.format);
      return `expected ${SHAPE_NAMES[shape] ?? `a value matching ${shape}`}${orNull}, ${got}`;
    }
    case 'minLength':
      return `expected a non-empty string${orNull}, ${got}`;
    case 'minimum':
      return `expected a number >= ${String(params.limit)}${orNull}, ${got}`;
    default:
      return `${err.message ?? 'invalid value'}, ${got}`;
  }
}

function article(type: string): string {
  switch (type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'integer':
      return 'an integer';
    default:
      return `a ${type}`;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describeValue(value: unknown): string {
  if (value === null || typeof value === 'object') return describeType(value);
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${typeof value} ${shown}`;
}

/**
 * `/aws/accounts/0/id` → ['aws', 'accounts', 0, 'id']: a segment is an index where the document
 * has an array, so an object key such as a tag named "0" stays a key.
 */
export function pointerSegments(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const segments: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    segments.push(segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  }
  return segments;
}

/** ['aws', 'accounts', 0, 'id'] → `$.aws.accounts[0].id`; other keys as `["key"]`. */
export function jsonPath(segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
