/**
 * The one shape check the collectors apply where a remote answer enters scv-guard (AWS answers,
 * Salesforce records and Metadata API definitions): the fields a collector reads, by dotted
 * path, with the kind of value each must hold. An answer that breaks it is an invalid-response
 * collection error, never read as "nothing there".
 */
import { isRecord } from '../plain-objects.js';

/**
 * `name`: a non-empty string (jsforce fills a Metadata API string the answer left out with "").
 * `date`: a Date object (what a client library parsed); `date-text`: a date or date-time written as
 * text (`2024-03-01`, `2024-03-01T10:00:00.000+0000`) that `parseDateText` reads.
 */
export type Kind = 'name' | 'string' | 'boolean' | 'number' | 'date' | 'date-text' | 'object' | 'object[]' | 'string[]' | 'string-map';
/** What a field must hold; a trailing `?` lets it be absent (or null). */
export type FieldSpec = Kind | `${Kind}?`;
/** Fields by dotted path. A field below an absent object is not checked: the object's own spec says whether it may be absent. */
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

export const isObject = (v: unknown): v is Record<string, unknown> => isRecord(v) && !(v instanceof Date);

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Milliseconds since the epoch of a date (`2024-03-01`, read as UTC midnight) or date-time
 * (`2024-03-01T10:00:00.000+0000`, `...Z`, `...+01:00`) written as text, or null when the text is
 * not one of those or names no real day (`2024-02-30`).
 */
export function parseDateText(text: string): number | null {
  if (!DATE_TEXT.test(text)) return null;
  // Date.parse wants the offset with a colon (Salesforce writes it without one) and reads a
  // date-time without offset as local time: read it as UTC.
  const zoned = text.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls an impossible day over (2024-02-30 → March 1): the day must read back.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? ms : null;
}

/** What a value is, for messages: `a string`, `a list`, `null`. */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A value in a message about a plan or template, with the value itself when it is a scalar: `a list`, `an object`, `string "x"`, `number 42`. */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

const EXPECTED: Record<Kind, string> = {
  name: 'a non-empty string',
  string: 'a string',
  boolean: 'a boolean',
  number: 'a number',
  date: 'a date',
  'date-text': 'a date or date-time (YYYY-MM-DD[Thh:mm:ss...])',
  object: 'an object',
  'object[]': 'a list of objects',
  'string[]': 'a list of strings',
  'string-map': 'an object of strings',
};

function holds(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'name':
      return typeof value === 'string' && value !== '';
    case 'string':
    case 'boolean':
    case 'number':
      return typeof value === kind;
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'date-text':
      return typeof value === 'string' && parseDateText(value) !== null;
    case 'object':
      return isObject(value);
    case 'object[]':
      return Array.isArray(value) && value.every(isObject);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'string-map':
      return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
  }
}

/** The first field of `value` that breaks `specs` (missing, or found holding another kind), or null when all hold. */
export function breach(value: unknown, specs: FieldSpecs): { path: string; missing: boolean; found: string; expected: string } | null {
  for (const [path, spec] of Object.entries(specs)) {
    const optional = spec.endsWith('?');
    const kind = (optional ? spec.slice(0, -1) : spec) as Kind;
    let current: unknown = value;
    let below = false;
    for (const part of path.split('.')) {
      if (current === undefined || current === null) {
        below = true;
        break;
      }
      current = isObject(current) && Object.hasOwn(current, part) ? current[part] : undefined;
    }
    if (below) continue;
    if (current === undefined || current === null || (kind === 'name' && current === '')) {
      if (!optional) return { path, missing: true, found: 'missing', expected: EXPECTED[kind] };
      continue;
    }
    if (!holds(kind, current)) return { path, missing: false, found: kindOf(current), expected: EXPECTED[kind] };
  }
  return null;
}

/** The first field of `value` that breaks `specs` as `expected ..., got ...` and its path below `value`, or null. */
export function shapeProblem(value: unknown, specs: FieldSpecs): { message: string; path: string[] } | null {
  const b = breach(value, specs);
  if (b === null) return null;
  return { message: b.missing ? `expected ${b.expected}, got nothing` : `expected ${b.expected}, got ${b.found}`, path: b.path.split('.') };
}

/** `without Arn` / `whose Arn is a number, not a string`, or null when `entry` holds its specs. */
export function entryBreach(entry: unknown, item: FieldSpecs | 'string'): string | null {
  if (item === 'string') return typeof entry === 'string' ? null : `that is ${kindOf(entry)}, not a string`;
  if (!isObject(entry)) return `that is ${kindOf(entry)}, not an object`;
  const b = breach(entry, item);
  if (!b) return null;
  return b.missing ? `without ${b.path}` : `whose ${b.path} is ${b.found}, not ${b.expected}`;
}
