import type { FunctionTarget, Rule } from './ast.js';
import { RegoEvalError, type Location } from './errors.js';
import { equals, RegoObject, RegoSet, type Value } from './value.js';

/** Variable bindings: an immutable linked list (bodies are short, so lookups stay cheap). */
export class Env {
  constructor(
    readonly name: string,
    readonly value: Value,
    readonly parent: Env | undefined,
  ) {}
}

export function lookup(env: Env | undefined, name: string): Value | undefined {
  for (let e = env; e; e = e.parent) if (e.name === name) return e.value;
  return undefined;
}

export function bind(env: Env | undefined, name: string, value: Value): Env {
  return new Env(name, value, env);
}

/** `true` stops the enumeration (a solution was enough). */
export type Cont = (env: Env | undefined) => boolean;
export type ValueCont = (v: Value, env: Env | undefined) => boolean;

export type Replacement = { kind: 'value'; value: Value } | { kind: 'fn'; target: FunctionTarget };

export const UNDEFINED = Symbol('undefined');
export type Cached = Value | typeof UNDEFINED;

/**
 * One evaluation's state: the documents, and the caches that make joins linear (rule values,
 * comprehension indexes, function results). `with` creates a child context with fresh caches.
 */
export class Context {
  /** Rule values by rule set. */
  readonly ruleCache = new Map<object, Cached>();
  readonly nodeCache = new Map<string, Value>();
  readonly compCache = new Map<number, unknown>();
  /** Hash-join indexes: document ref + element path → entries by key (see compile-join.ts). */
  readonly joinCache = new Map<string, Map<string, [Value, Value][]>>();
  /** Builtin results memoised per query (nondeterministic builtins), by name and arguments. */
  readonly fnMemo = new Map<string, Cached>();
  /** User function results: per function, nested maps keyed by each argument (see callFunction). */
  readonly fnResults = new Map<object, Map<unknown, unknown>>();
  readonly inProgress = new Set<object>();
  /** Rules being evaluated, innermost last (for rego.metadata.*). */
  readonly ruleStack: Rule[] = [];

  constructor(
    readonly input: Value | undefined,
    readonly data: Value,
    readonly dataOverrides: ReadonlyMap<string, Value> | undefined,
    readonly fnOverrides: ReadonlyMap<string, Replacement> | undefined,
  ) {}
}

export function conflict(detail: string, loc?: Location): never {
  throw new RegoEvalError('eval_conflict_error', detail, loc);
}

/** Builds the value of a set or nested object from (keys..., leaf) solutions. */
export class DocBuilder {
  root: Value | undefined;

  constructor(
    readonly leafIsSet: boolean,
    readonly nested = false,
  ) {}

  /** Inserts `leaf` (a set element or an object value) under `keys`; conflicts raise eval_conflict_error. */
  insert(keys: Value[], leaf: Value, loc: Location): void {
    if (keys.length === 0) {
      if (this.leafIsSet) {
        if (!(this.root instanceof RegoSet)) this.root = new RegoSet();
        (this.root as RegoSet).add(leaf);
        return;
      }
      if (this.root !== undefined && !equals(this.root, leaf)) conflict('complete rules must not produce multiple outputs', loc);
      this.root = leaf;
      return;
    }
    if (this.root === undefined) this.root = new RegoObject();
    let obj = this.root as RegoObject;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = obj.get(keys[i]!);
      if (next === undefined) {
        next = new RegoObject();
        obj.set(keys[i]!, next);
      } else if (!(next instanceof RegoObject)) conflict('object keys must be unique', loc);
      obj = next as RegoObject;
    }
    const last = keys[keys.length - 1]!;
    const existing = obj.get(last);
    if (this.leafIsSet) {
      let s = existing;
      if (s === undefined) {
        s = new RegoSet();
        obj.set(last, s);
      }
      if (!(s instanceof RegoSet)) conflict('object keys must be unique', loc);
      s.add(leaf);
      return;
    }
    if (existing !== undefined) {
      if (!equals(existing, leaf)) conflict('object keys must be unique', loc);
      return;
    }
    obj.set(last, leaf);
  }

  /** Whether a value was inserted under `keys`. */
  has(keys: Value[]): boolean {
    let v = this.root;
    for (const k of keys) {
      if (!(v instanceof RegoObject)) return false;
      v = v.get(k);
    }
    return v !== undefined;
  }

  emptyValue(): Value {
    return this.root ?? (this.leafIsSet && !this.nested ? new RegoSet() : new RegoObject());
  }
}

/** Returns a copy of `doc` with `value` placed at `path` (objects along the way are copied). */
export function setPath(doc: Value | undefined, path: string[], value: Value): Value {
  if (path.length === 0) return value;
  const base = doc instanceof RegoObject ? doc : new RegoObject();
  const out = new RegoObject(base.entries());
  out.set(path[0]!, setPath(base.get(path[0]!), path.slice(1), value));
  return out;
}
