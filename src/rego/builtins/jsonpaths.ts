/** json.filter, json.remove and json.patch (RFC 6902 with OPA's extensions for sets and array-form paths). */
import { equals, RegoObject, RegoSet, typeName, type Value } from '../value.js';
import { arr, def, obj, operandError, operandTypeError } from './args.js';
import { BuiltinError, type Builtin } from './types.js';

/** A `/`-separated JSON pointer or an array of segments. */
function parsePath(name: string, p: Value): Value[] {
  if (typeof p === 'string') {
    if (p === '') return [];
    return p.replace(/^\/+/, '').split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (Array.isArray(p)) return p;
  throw operandError(name, 2, `must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`);
}


function pathsParam(name: string, v: Value): Value[][] {
  const items = Array.isArray(v) ? v : v instanceof RegoSet ? v.sorted() : undefined;
  if (!items) throw operandTypeError(name, 2, v, 'set', 'array');
  return items.map((p) => parsePath(name, p));
}

/** Nested objects with null leaves, one branch per path; a shorter path covers longer ones. */
function pathsToTree(paths: Value[][]): RegoObject {
  const root = new RegoObject();
  for (const path of paths) {
    if (path.length === 0) continue;
    let node = root;
    let covered = false;
    for (let i = 0; i < path.length - 1 && !covered; i++) {
      const child = node.get(path[i]!);
      if (child === undefined) {
        const next = new RegoObject();
        node.set(path[i]!, next);
        node = next;
      } else if (child === null) covered = true;
      else node = child as RegoObject;
    }
    if (!covered) node.set(path[path.length - 1]!, null);
  }
  return root;
}

function filterValue(v: Value, filter: Value): Value {
  if (filter === null || !(filter instanceof RegoObject)) return v;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((e, i) => {
      const sub = filter.get(String(i));
      if (sub !== undefined) out.push(filterValue(e, sub));
    });
    return out;
  }
  if (v instanceof RegoSet) {
    return new RegoSet(v.sorted().filter((e) => filter.has(e)).map((e) => filterValue(e, filter.get(e)!)));
  }
  if (v instanceof RegoObject) {
    const out = new RegoObject();
    for (const [k, e] of v.entries()) {
      const sub = filter.get(k);
      if (sub !== undefined) out.set(k, filterValue(e, sub));
    }
    return out;
  }
  return v;
}

function removeValue(v: Value, tree: Value | undefined): Value | undefined {
  if (tree === undefined) return v;
  if (tree === null) return undefined;
  if (!(tree instanceof RegoObject)) return v;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((e, i) => {
      const r = removeValue(e, tree.get(String(i)));
      if (r !== undefined) out.push(r);
    });
    return out;
  }
  if (v instanceof RegoSet) {
    const out = new RegoSet();
    for (const e of v.values()) {
      const r = removeValue(e, tree.get(e));
      if (r !== undefined) out.add(r);
    }
    return out;
  }
  if (v instanceof RegoObject) {
    const out = new RegoObject();
    for (const [k, e] of v.entries()) {
      const r = removeValue(e, tree.get(k));
      if (r !== undefined) out.set(k, r);
    }
    return out;
  }
  return v;
}

class PatchFailure extends Error {}

function fail(): never {
  throw new PatchFailure();
}

function arrayIndex(seg: Value, len: number, forInsert: boolean): number {
  let i: number;
  if (typeof seg === 'string') {
    if (seg === '-' && forInsert) return len;
    if (!/^(0|[1-9][0-9]*)$/.test(seg)) fail();
    i = Number(seg);
  } else if (typeof seg === 'number' && Number.isInteger(seg)) i = seg;
  else fail();
  if (i < 0 || i > len || (!forInsert && i === len)) fail();
  return i;
}

function childOf(c: Value, seg: Value): Value {
  if (c instanceof RegoObject) {
    const child = c.get(seg);
    return child === undefined ? fail() : child;
  }
  if (Array.isArray(c)) return c[arrayIndex(seg, c.length, false)]!;
  if (c instanceof RegoSet) return c.has(seg) ? seg : fail();
  return fail();
}

function withChild(c: Value, seg: Value, child: Value): Value {
  if (c instanceof RegoObject) return new RegoObject(c.entries()).set(seg, child);
  if (Array.isArray(c)) {
    const out = [...c];
    out[arrayIndex(seg, c.length, false)] = child;
    return out;
  }
  if (c instanceof RegoSet) {
    const out = new RegoSet([...c.values()].filter((e) => !equals(e, seg)));
    return out.add(child);
  }
  return fail();
}

/** Applies f to the container addressed by path[:-1] and the last segment. */
function edit(doc: Value, path: Value[], f: (container: Value, key: Value) => Value): Value {
  const [seg, ...rest] = path as [Value, ...Value[]];
  if (rest.length === 0) return f(doc, seg);
  return withChild(doc, seg, edit(childOf(doc, seg), rest, f));
}

function insert(c: Value, key: Value, value: Value): Value {
  if (c instanceof RegoObject) return new RegoObject(c.entries()).set(key, value);
  if (Array.isArray(c)) {
    const out = [...c];
    out.splice(arrayIndex(key, c.length, true), 0, value);
    return out;
  }
  if (c instanceof RegoSet) return equals(key, value) ? new RegoSet(c.values()).add(value) : fail();
  return fail();
}

function remove(c: Value, key: Value): Value {
  if (c instanceof RegoObject) {
    if (!c.has(key)) fail();
    return new RegoObject([...c.entries()].filter(([k]) => !equals(k, key)));
  }
  if (Array.isArray(c)) {
    const i = arrayIndex(key, c.length, false);
    return [...c.slice(0, i), ...c.slice(i + 1)];
  }
  if (c instanceof RegoSet) return c.has(key) ? new RegoSet([...c.values()].filter((e) => !equals(e, key))) : fail();
  return fail();
}

function getAt(doc: Value | undefined, path: Value[]): Value {
  if (doc === undefined) fail();
  let cur: Value = doc;
  for (const seg of path) cur = childOf(cur, seg);
  return cur;
}

function addAt(doc: Value | undefined, path: Value[], value: Value): Value {
  if (path.length === 0) return value;
  if (doc === undefined) fail();
  return edit(doc, path, (c, k) => insert(c, k, value));
}

function removeAt(doc: Value | undefined, path: Value[]): Value | undefined {
  if (doc === undefined) fail();
  if (path.length === 0) return undefined;
  return edit(doc, path, (c, k) => remove(c, k));
}

function applyPatch(target: Value, ops: Value[]): Value | undefined {
  let doc: Value | undefined = target;
  for (const op of ops) {
    if (!(op instanceof RegoObject)) fail();
    const kind = op.get('op');
    // `null` is a value a patch may set; only a missing member fails.
    const attr = (name: string): Value => {
      const v = op.get(name);
      return v === undefined ? fail() : v;
    };
    const path = parsePath('json.patch', attr('path'));
    switch (kind) {
      case 'add':
        doc = addAt(doc, path, attr('value'));
        break;
      case 'remove':
        doc = removeAt(doc, path);
        break;
      case 'replace':
        doc = addAt(removeAt(doc, path), path, attr('value'));
        break;
      case 'move': {
        const from = parsePath('json.patch', attr('from'));
        const chunk = getAt(doc, from);
        doc = addAt(removeAt(doc, from), path, chunk);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, getAt(doc, parsePath('json.patch', attr('from'))));
        break;
      case 'test':
        if (!equals(getAt(doc, path), attr('value'))) fail();
        break;
      default:
        fail();
    }
  }
  return doc;
}

export const JSON_PATH_BUILTINS: Builtin[] = [
  def('json.filter', 2, (args) => {
    const o = obj('json.filter', args, 1);
    return filterValue(o, pathsToTree(pathsParam('json.filter', args[1]!)));
  }),
  def('json.remove', 2, (args) => {
    const o = obj('json.remove', args, 1);
    return removeValue(o, pathsToTree(pathsParam('json.remove', args[1]!)));
  }),
  def('json.patch', 2, (args) => {
    const ops = arr('json.patch', args, 2);
    try {
      return applyPatch(args[0]!, ops);
    } catch (e) {
      if (e instanceof PatchFailure || e instanceof BuiltinError) return undefined; // OPA: a failed patch is undefined
      throw e;
    }
  }),
];
