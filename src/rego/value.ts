/**
 * Rego values with OPA semantics.
 *
 * Scalars and arrays are plain JavaScript values; sets and objects are classes because Rego sets
 * exist and object keys may be any value. Values are immutable once built and shared freely.
 * Ordering follows OPA's ast.Compare: null < boolean < number < string < array < object < set.
 */

import { setOwn } from '../own-properties.js';

export type Value = null | boolean | number | string | Value[] | RegoSet | RegoObject;

export type TypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set';

export function typeName(v: Value): TypeName {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return 'array';
  return v instanceof RegoSet ? 'set' : 'object';
}

const ORDER: Record<TypeName, number> = {
  null: 0,
  boolean: 1,
  number: 2,
  string: 3,
  array: 6,
  object: 7,
  set: 8,
};

/**
 * A string that is equal for two values exactly when the values are equal (OPA equality:
 * 1 == 1.0, sets and objects compare by content). Used as the hash key in sets and objects.
 */
export function valueKey(v: Value): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      return 'd' + (Object.is(v, -0) ? '0' : String(v));
    case 'string':
      return 's' + v;
  }
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ',';
      s += nestedKey(v[i]!);
    }
    return s + ']';
  }
  return v.key();
}

/** Keys nested inside a composite must be unambiguous, so strings are JSON-quoted there. */
function nestedKey(v: Value): string {
  return typeof v === 'string' ? JSON.stringify(v) : valueKey(v);
}

export class RegoSet {
  private readonly items = new Map<string, Value>();
  private cachedKey: string | undefined;
  private cachedSorted: Value[] | undefined;

  constructor(values?: Iterable<Value>) {
    if (values) for (const v of values) this.items.set(valueKey(v), v);
  }

  /** Adds in place; only for use while the set is being built. */
  add(v: Value): this {
    const k = valueKey(v);
    if (!this.items.has(k)) {
      this.items.set(k, v);
      this.cachedKey = undefined;
      this.cachedSorted = undefined;
    }
    return this;
  }

  has(v: Value): boolean {
    return this.items.has(valueKey(v));
  }

  get size(): number {
    return this.items.size;
  }

  /** Elements in insertion order (cheap). */
  values(): IterableIterator<Value> {
    return this.items.values();
  }

  /** Elements in OPA's sort order (cached). */
  sorted(): Value[] {
    if (!this.cachedSorted) this.cachedSorted = [...this.items.values()].sort(compare);
    return this.cachedSorted;
  }

  key(): string {
    if (this.cachedKey === undefined) {
      this.cachedKey = '<' + this.sorted().map(nestedKey).join(',') + '>';
    }
    return this.cachedKey;
  }
}

export class RegoObject {
  /** String keys live here: the common case, looked up without building a key. */
  private readonly strEntries = new Map<string, Value>();
  /** Non-string keys by valueKey. */
  private otherEntries: Map<string, [Value, Value]> | undefined;
  private cachedKey: string | undefined;
  private cachedSortedKeys: Value[] | undefined;

  constructor(entries?: Iterable<readonly [Value, Value]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  /** Sets in place; only for use while the object is being built. */
  set(k: Value, v: Value): this {
    if (typeof k === 'string') this.strEntries.set(k, v);
    else (this.otherEntries ??= new Map()).set(valueKey(k), [k, v]);
    this.cachedKey = undefined;
    this.cachedSortedKeys = undefined;
    return this;
  }

  get(k: Value): Value | undefined {
    if (typeof k === 'string') return this.strEntries.get(k);
    if (this.otherEntries === undefined) return undefined;
    return this.otherEntries.get(valueKey(k))?.[1];
  }

  has(k: Value): boolean {
    return this.get(k) !== undefined;
  }

  get size(): number {
    return this.strEntries.size + (this.otherEntries?.size ?? 0);
  }

  /** Entries in insertion order, string keys first (cheap). */
  *entries(): IterableIterator<[Value, Value]> {
    yield* this.strEntries.entries();
    if (this.otherEntries) yield* this.otherEntries.values();
  }

  keys(): Value[] {
    const keys: Value[] = [...this.strEntries.keys()];
    if (this.otherEntries) for (const e of this.otherEntries.values()) keys.push(e[0]);
    return keys;
  }

  /** Keys in OPA's sort order (cached). */
  sortedKeys(): Value[] {
    if (!this.cachedSortedKeys) this.cachedSortedKeys = this.keys().sort(compare);
    return this.cachedSortedKeys;
  }

  key(): string {
    if (this.cachedKey === undefined) {
      const parts = this.sortedKeys().map((k) => nestedKey(k) + ':' + nestedKey(this.get(k)!));
      this.cachedKey = '{' + parts.join(',') + '}';
    }
    return this.cachedKey;
  }
}

export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeName(a);
  if (ta !== typeName(b)) return false;
  switch (ta) {
    case 'array': {
      const x = a as Value[];
      const y = b as Value[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!equals(x[i]!, y[i]!)) return false;
      return true;
    }
    case 'set':
    case 'object': {
      const x = a as RegoSet | RegoObject;
      const y = b as RegoSet | RegoObject;
      return x.size === y.size && x.key() === y.key();
    }
    default:
      return false; // scalars of the same type that are not === (NaN never occurs in Rego)
  }
}

/** Total order of OPA's ast.Compare; returns <0, 0 or >0. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  const ta = typeName(a);
  const tb = typeName(b);
  if (ta !== tb) return ORDER[ta] - ORDER[tb];
  switch (ta) {
    case 'null':
      return 0;
    case 'boolean':
      return a === b ? 0 : a ? 1 : -1;
    case 'number':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string':
      return compareStrings(a as string, b as string);
    case 'array': {
      const x = a as Value[];
      const y = b as Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'object': {
      const x = a as RegoObject;
      const y = b as RegoObject;
      const xk = x.sortedKeys();
      const yk = y.sortedKeys();
      const n = Math.min(xk.length, yk.length);
      for (let i = 0; i < n; i++) {
        const c = compare(xk[i]!, yk[i]!);
        if (c !== 0) return c;
        const cv = compare(x.get(xk[i]!)!, y.get(yk[i]!)!);
        if (cv !== 0) return cv;
      }
      return xk.length - yk.length;
    }
    case 'set': {
      const xs = (a as RegoSet).sorted();
      const ys = (b as RegoSet).sorted();
      const n = Math.min(xs.length, ys.length);
      for (let i = 0; i < n; i++) {
        const c = compare(xs[i]!, ys[i]!);
        if (c !== 0) return c;
      }
      return xs.length - ys.length;
    }
  }
}

/** Go compares strings by bytes (UTF-8), which equals comparing code points. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Converts parsed JSON (or YAML) into a Rego value. */
export function fromJSON(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'number':
    case 'string':
      return x;
    case 'bigint':
      return Number(x);
    case 'object': {
      if (Array.isArray(x)) return x.map(fromJSON);
      if (x instanceof RegoSet || x instanceof RegoObject) return x;
      if (x instanceof Date) return x.toISOString();
      const o = new RegoObject();
      for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
        if (v !== undefined) o.set(k, fromJSON(v));
      }
      return o;
    }
    default:
      throw new TypeError(`cannot convert ${typeof x} to a Rego value`);
  }
}

/**
 * Converts a Rego value to plain JSON as `opa eval` prints it: sets become sorted arrays,
 * object keys that are not strings are serialised as their JSON text.
 */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RegoSet) return v.sorted().map(toJSON);
  const out: Record<string, unknown> = {};
  for (const k of v.sortedKeys()) {
    const name = typeof k === 'string' ? k : JSON.stringify(toJSON(k));
    // Defined, not assigned: `__proto__` and `constructor` are ordinary keys of a Rego object.
    setOwn(out, name, toJSON(v.get(k)!));
  }
  return out;
}

export function isTruthy(v: Value | undefined): boolean {
  return v !== undefined && v !== false;
}
