/**
 * Direct evaluation of terms that have at most one value: constants, bound variables, references
 * whose keys are all known, calls of functions and builtins with such arguments, composites and
 * comprehensions. These make up most of a policy's terms; evaluating them without continuations
 * allocates no closures. A term that may have several values (a reference with an unbound key, a
 * relation such as walk, a call with an output argument, anything under a `with` that replaces
 * functions) answers MULTI, and the evaluator takes the general continuation-passing path, which
 * gives the same values in the same order.
 */
import type { Term } from './ast.js';
import { lookup, type Context, type Env } from './eval-context.js';
import type { Evaluator } from './eval.js';
import { callBuiltin } from './eval-builtins.js';
import { child1 } from './eval-data.js';
import { RegoObject, RegoSet, type Value } from './value.js';

export const MULTI = Symbol('multi');
export type Direct = Value | undefined | typeof MULTI;

export function direct(ev: Evaluator, t: Term, env: Env | undefined, ctx: Context): Direct {
  switch (t.type) {
    case 'scalar':
    case 'value':
      return t.value;
    case 'var': {
      const v = lookup(env, t.name);
      if (v !== undefined) return v;
      if (t.name === 'input') return ctx.input;
      return MULTI;
    }
    case 'ref': {
      const head = t.head;
      let v: Value | undefined;
      let i = 0;
      if (head.type === 'var' && head.name === 'data') {
        if (ctx.dataOverrides) return MULTI;
        const hit = ev.ruleRef(t.path);
        if (!hit) return MULTI;
        v = ev.ruleNodeValue(hit.node, hit.at, ctx);
        i = hit.at.length;
      } else {
        const h = direct(ev, head, env, ctx);
        if (h === MULTI) return MULTI;
        v = h;
      }
      for (; i < t.path.length; i++) {
        if (v === undefined) return undefined;
        const key = t.path[i]!;
        const kv = key.type === 'scalar' ? key.value : direct(ev, key, env, ctx);
        if (kv === MULTI) return MULTI;
        if (kv === undefined) return undefined;
        v = child1(v, kv);
      }
      return v;
    }
    case 'call': {
      const target = t.target;
      if (!target || ctx.fnOverrides || (target.kind === 'builtin' && target.name === 'print')) return MULTI;
      if (ev.arityOf(t) !== t.args.length) return MULTI;
      const args: Value[] = new Array<Value>(t.args.length);
      for (let i = 0; i < t.args.length; i++) {
        const a = direct(ev, t.args[i]!, env, ctx);
        if (a === MULTI) return MULTI;
        if (a === undefined) return undefined;
        args[i] = a;
      }
      if (target.kind === 'function') {
        const set = ev.functionSet(target);
        return set ? ev.callFunction(set, args, ctx) : undefined;
      }
      const results = callBuiltin(ev, target.name, args, ctx, t.loc);
      return results.length > 1 ? MULTI : results[0];
    }
    case 'array': {
      const out: Value[] = new Array<Value>(t.items.length);
      for (let i = 0; i < t.items.length; i++) {
        const x = direct(ev, t.items[i]!, env, ctx);
        if (x === MULTI || x === undefined) return x;
        out[i] = x;
      }
      return out;
    }
    case 'set': {
      const out = new RegoSet();
      for (const item of t.items) {
        const x = direct(ev, item, env, ctx);
        if (x === MULTI || x === undefined) return x;
        out.add(x);
      }
      return out;
    }
    case 'object': {
      const out = new RegoObject();
      for (const [kt, vt] of t.items) {
        const k = direct(ev, kt, env, ctx);
        if (k === MULTI || k === undefined) return k;
        const v = direct(ev, vt, env, ctx);
        if (v === MULTI || v === undefined) return v;
        out.set(k, v);
      }
      return out;
    }
    case 'arraycomp':
    case 'setcomp':
    case 'objectcomp':
      return ev.evalComprehension(t, env, ctx);
  }
}
