/** Object builtins: object.get/keys/union/union_n/remove/filter/subset. */
import { compare, equals, RegoObject, RegoSet, type Value } from '../value.js';
import { arr, def, obj, operandElementError, operandTypeError } from './args.js';
import { BuiltinError, type Builtin } from './types.js';

/** Follows a path through objects, arrays (integer indexes) and sets (membership), as OPA's Value.Find. */
export function findPath(root: Value, path: Value[]): Value | undefined {
  let cur: Value = root;
  for (const key of path) {
    if (cur instanceof RegoObject) {
      const next = cur.get(key);
      if (next === undefined) return undefined;
      cur = next;
    } else if (Array.isArray(cur)) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= cur.length) return undefined;
      cur = cur[key]!;
    } else if (cur instanceof RegoSet) {
      if (!cur.has(key)) return undefined;
      cur = key;
    } else {
      return undefined;
    }
  }
  return cur;
}

export function mergeWithOverwrite(a: RegoObject, b: RegoObject): RegoObject {
  const out = new RegoObject(a.entries());
  for (const [k, vb] of b.entries()) {
    const va = a.get(k);
    out.set(k, va instanceof RegoObject && vb instanceof RegoObject ? mergeWithOverwrite(va, vb) : vb);
  }
  return out;
}

function keysParam(name: string, v: Value): RegoSet {
  if (Array.isArray(v)) return new RegoSet(v);
  if (v instanceof RegoSet) return v;
  if (v instanceof RegoObject) return new RegoSet(v.keys());
  throw operandTypeError(name, 2, v, 'object', 'set', 'array');
}

function objectSubset(sup: RegoObject, sub: RegoObject): boolean {
  for (const [k, subV] of sub.entries()) {
    const supV = sup.get(k);
    if (supV === undefined) return false;
    if (equals(subV, supV)) continue;
    if (supV instanceof RegoObject && subV instanceof RegoObject) {
      if (!objectSubset(supV, subV)) return false;
    } else if (supV instanceof RegoSet && subV instanceof RegoSet) {
      if (!setSubset(supV, subV)) return false;
    } else if (Array.isArray(supV) && Array.isArray(subV)) {
      if (!arraySubset(supV, subV)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function setSubset(sup: RegoSet, sub: RegoSet): boolean {
  for (const v of sub.values()) if (!sup.has(v)) return false;
  return true;
}

/** The whole sub array must appear contiguously in super. */
function arraySubset(sup: Value[], sub: Value[]): boolean {
  if (sub.length > sup.length) return false;
  outer: for (let start = 0; start + sub.length <= sup.length; start++) {
    for (let i = 0; i < sub.length; i++) if (compare(sup[start + i]!, sub[i]!) !== 0) continue outer;
    return true;
  }
  return false;
}

/** OPA counts matching array elements (duplicates included) until every set element could be matched. */
function arraySetSubset(sup: Value[], sub: RegoSet): boolean {
  let unmatched = sub.size;
  for (const v of sup) {
    if (sub.has(v)) unmatched--;
    if (unmatched <= 0) return true;
  }
  return false;
}

export const OBJECT_BUILTINS: Builtin[] = [
  def('object.get', 3, (args) => {
    const o = obj('object.get', args, 1);
    const key = args[1]!;
    // A member whose value is null is present: only a missing one takes the default.
    const found = Array.isArray(key) ? (key.length === 0 ? o : findPath(o, key)) : o.get(key);
    return found === undefined ? args[2]! : found;
  }),
  def('object.keys', 1, (args) => new RegoSet(obj('object.keys', args, 1).keys())),
  def('object.union', 2, (args) => {
    const a = obj('object.union', args, 1);
    const b = obj('object.union', args, 2);
    return mergeWithOverwrite(a, b);
  }),
  def('object.union_n', 1, (args) => {
    const list = arr('object.union_n', args, 1);
    let out = new RegoObject();
    for (const o of list) {
      if (!(o instanceof RegoObject)) throw operandElementError('object.union_n', 1, list, o, 'object');
      out = mergeWithOverwrite(out, o);
    }
    return out;
  }),
  def('object.remove', 2, (args) => {
    const o = obj('object.remove', args, 1);
    const keys = keysParam('object.remove', args[1]!);
    return new RegoObject([...o.entries()].filter(([k]) => !keys.has(k)));
  }),
  def('object.filter', 2, (args) => {
    const o = obj('object.filter', args, 1);
    const keys = keysParam('object.filter', args[1]!);
    return new RegoObject([...o.entries()].filter(([k]) => keys.has(k)));
  }),
  def('object.subset', 2, ([sup, sub]) => {
    if (sup instanceof RegoObject && sub instanceof RegoObject) return objectSubset(sup, sub);
    if (sup instanceof RegoSet && sub instanceof RegoSet) return setSubset(sup, sub);
    if (Array.isArray(sup) && Array.isArray(sub)) return arraySubset(sup, sub);
    if (Array.isArray(sup) && sub instanceof RegoSet) return arraySetSubset(sup, sub);
    throw new BuiltinError('object.subset', 'both arguments object.subset must be of the same type or array and set');
  }),
];
