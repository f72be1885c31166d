import type { ComprehensionTerm, Literal, Term } from './ast.js';
import type { Compiled } from './compile.js';
import { bind, Context, lookup, setPath, type Cont, type Env, type Replacement, type ValueCont } from './eval-context.js';
import { DataEvaluator } from './eval-data.js';
import { RegoEvalError, type Location } from './errors.js';
import { equals, RegoObject, RegoSet, typeName, valueKey, type Value } from './value.js';
import { Collector } from './eval-collector.js';
import { direct, MULTI } from './eval-direct.js';
import type { EvalBudget } from './eval-budget.js';

export interface EvalOptions {
  strict: boolean;
  print: (line: string) => void;
  nowNs: bigint;
  /** Time and heap budgets (eval_cancel_error when exceeded); limits may change between queries. */
  budget: EvalBudget;
  maxDepth: number;
}

/** Top-down evaluation of bodies and terms in continuation-passing style. */
export class Evaluator extends DataEvaluator {
  constructor(compiled: Compiled, opts: EvalOptions) {
    super(compiled, opts);
  }

  evalBody(body: Literal[], i: number, env: Env | undefined, ctx: Context, k: Cont): boolean {
    for (;;) {
      this.opts.budget.tick(body[Math.min(i, body.length - 1)]?.loc);
      if (i === body.length) return k(env);
      const lit = body[i]!;
      // Literals with one outcome (a test, `x := <single value>`, `some x`) continue in this loop,
      // without a continuation; the others (iteration, unification, `with`) take the general path.
      if (lit.with.length === 0) {
        const e = lit.expr;
        if (e.type === 'term') {
          const d = direct(this, e.term, env, ctx);
          if (d !== MULTI) {
            if ((d !== undefined && d !== false) === lit.negated) return false;
            i++;
            continue;
          }
        } else if (e.type === 'assign' && e.left.type === 'var' && !lit.negated) {
          const d = direct(this, e.right, env, ctx);
          if (d !== MULTI) {
            if (d === undefined) return false;
            env = bind(env, e.left.name, d);
            i++;
            continue;
          }
        } else if (e.type === 'some' && !lit.negated) {
          i++;
          continue;
        }
      }
      const next = i + 1;
      return this.evalLiteral(lit, env, ctx, (e) => this.evalBody(body, next, e, ctx, k));
    }
  }

  evalLiteral(lit: Literal, env: Env | undefined, ctx: Context, k: Cont): boolean {
    if (lit.with.length > 0) {
      return this.withContext(lit, env, ctx, (child) => this.evalLiteralPlain(lit, env, child, k));
    }
    return this.evalLiteralPlain(lit, env, ctx, k);
  }

  private evalLiteralPlain(lit: Literal, env: Env | undefined, ctx: Context, k: Cont): boolean {
    if (lit.negated) {
      const found = this.evalExpr(lit, env, ctx, () => true);
      return found ? false : k(env);
    }
    return this.evalExpr(lit, env, ctx, k);
  }

  private evalExpr(lit: Literal, env: Env | undefined, ctx: Context, k: Cont): boolean {
    const e = lit.expr;
    switch (e.type) {
      case 'term': {
        const t = e.term;
        if (t.type === 'call') {
          const arity = this.arityOf(t);
          if (arity !== undefined && t.args.length === arity + 1) {
            const out = t.args[arity]!;
            return this.evalCall(t, t.args.slice(0, arity), env, ctx, (v, e2) => this.unifyValue(out, v, e2, ctx, k));
          }
        }
        return this.evalTerm(t, env, ctx, (v, e2) => (v !== false ? k(e2) : false));
      }
      case 'assign':
        return this.evalTerm(e.right, env, ctx, (v, e2) => this.declare(e.left, v, e2, ctx, k));
      case 'unify':
        return this.unifyTerms(e.left, e.right, env, ctx, k);
      case 'some':
        return k(env);
      case 'somein':
        if (lit.join) return this.evalJoin(lit, e, env, ctx, k);
        return this.evalTerm(e.collection, env, ctx, (coll, e2) =>
          this.checkCollection(coll, 'some ... in', lit) &&
          this.eachEntry(coll, (key, val) => {
            if (e.key) return this.declare(e.key, key, e2, ctx, (e3) => this.declare(e.value, val, e3, ctx, k));
            return this.declare(e.value, val, e2, ctx, k);
          }),
        );
      case 'every':
        return this.evalTerm(e.collection, env, ctx, (coll, e2) => {
          if (!this.checkCollection(coll, 'every', lit)) return false;
          let ok = true;
          this.eachEntry(coll, (key, val) => {
            const bodyEnv = (cont: Cont): boolean =>
              e.key
                ? this.declare(e.key, key, e2, ctx, (e3) => this.declare(e.value, val, e3, ctx, cont))
                : this.declare(e.value, val, e2, ctx, cont);
            const holds = bodyEnv((e3) => this.evalBody(e.body, 0, e3, ctx, () => true));
            if (!holds) ok = false;
            return !ok;
          });
          return ok ? k(e2) : false;
        });
    }
  }

  /** `some x in doc` with a planned join: only the elements whose key path equals the probe. */
  private evalJoin(lit: Literal, e: Extract<Literal['expr'], { type: 'somein' }>, env: Env | undefined, ctx: Context, k: Cont): boolean {
    const join = lit.join!;
    let probe: Value | undefined;
    this.evalTerm(join.probe, env, ctx, (v) => {
      probe = v;
      return true;
    });
    if (probe === undefined) return false;
    const cacheKey = (join.key ??= refText(e.collection) + '|' + join.path.join('.'));
    let index = ctx.joinCache.get(cacheKey);
    if (!index) {
      const built = new Map<string, [Value, Value][]>();
      let coll: Value | undefined;
      this.evalTerm(e.collection, undefined, ctx, (v) => {
        coll = v;
        return true;
      });
      if (coll !== undefined && !this.checkCollection(coll, 'some ... in', lit)) coll = undefined;
      if (coll !== undefined) {
        this.eachEntry(coll, (key, val) => {
          let at: Value | undefined = val;
          for (const p of join.path) at = at instanceof RegoObject ? at.get(p) : undefined;
          if (at === undefined) return false;
          const kk = valueKey(at);
          let list = built.get(kk);
          if (!list) built.set(kk, (list = []));
          list.push([key, val]);
          return false;
        });
      }
      index = built;
      ctx.joinCache.set(cacheKey, index);
    }
    const hits = index.get(valueKey(probe));
    if (!hits) return false;
    for (const [key, val] of hits) {
      const found = e.key
        ? this.declare(e.key, key, env, ctx, (e3) => this.declare(e.value, val, e3, ctx, k))
        : this.declare(e.value, val, env, ctx, k);
      if (found) return true;
    }
    return false;
  }

  /** Iterating a scalar is undefined, or a type error in strict mode. */
  private checkCollection(coll: Value, what: string, lit: Literal): boolean {
    if (Array.isArray(coll) || coll instanceof RegoSet || coll instanceof RegoObject) return true;
    if (this.opts.strict) {
      throw new RegoEvalError('eval_type_error', `${what}: collection must be an array, set or object, got ${typeName(coll)}`, lit.loc);
    }
    return false;
  }

  /** Calls f(key, value) for each entry of a collection; stops when f returns true. */
  eachEntry(coll: Value, f: (key: Value, value: Value) => boolean): boolean {
    if (Array.isArray(coll)) {
      for (let i = 0; i < coll.length; i++) if (f(i, coll[i]!)) return true;
    } else if (coll instanceof RegoSet) {
      for (const v of coll.sorted()) if (f(v, v)) return true;
    } else if (coll instanceof RegoObject) {
      for (const key of coll.sortedKeys()) if (f(key, coll.get(key)!)) return true;
    }
    return false;
  }

  private withContext(lit: Literal, env: Env | undefined, ctx: Context, run: (c: Context) => boolean): boolean {
    const mods = lit.with;
    const values: (Value | Replacement)[] = [];
    const step = (i: number, e: Env | undefined): boolean => {
      if (i === mods.length) return run(this.childContext(ctx, lit, values));
      const w = mods[i]!;
      if (w.valueFn) {
        values[i] = { kind: 'fn', target: w.valueFn };
        return step(i + 1, e);
      }
      return this.evalTerm(w.value, e, ctx, (v) => {
        values[i] = v;
        return step(i + 1, e);
      });
    };
    return step(0, env);
  }

  private childContext(ctx: Context, lit: Literal, values: (Value | Replacement)[]): Context {
    let input = ctx.input;
    let data = ctx.data;
    let dataOverrides = ctx.dataOverrides ? new Map(ctx.dataOverrides) : undefined;
    let fnOverrides = ctx.fnOverrides ? new Map(ctx.fnOverrides) : undefined;
    lit.with.forEach((w, i) => {
      const r = w.resolved!;
      const v = values[i]!;
      if (r.kind === 'input') input = setPath(input, r.path, asValue(v, w.loc));
      else if (r.kind === 'data') {
        if (r.path.length === 0) throw new RegoEvalError('eval_type_error', 'with: cannot replace all of data', w.loc);
        data = setPath(data, r.path, asValue(v, w.loc));
        (dataOverrides ??= new Map()).set(r.path.join('.'), asValue(v, w.loc));
      } else {
        const key = r.kind === 'builtin' ? 'b:' + r.name : 'f:' + r.path.join('.');
        const rep: Replacement = isReplacement(v) ? v : { kind: 'value', value: v };
        (fnOverrides ??= new Map()).set(key, rep);
      }
    });
    return new Context(input, data, dataOverrides, fnOverrides);
  }

  // ---- terms ----

  evalTerm(t: Term, env: Env | undefined, ctx: Context, k: ValueCont): boolean {
    switch (t.type) {
      case 'scalar':
      case 'value':
        return k(t.value, env);
      case 'var': {
        const v = lookup(env, t.name);
        if (v !== undefined) return k(v, env);
        if (t.name === 'input') return ctx.input === undefined ? false : k(ctx.input, env);
        if (t.name === 'data') return this.evalDataRef([], env, ctx, k);
        throw new RegoEvalError('rego_unsafe_var_error', `var ${t.name} is unbound`, t.loc);
      }
      case 'ref':
      case 'call':
      case 'array':
      case 'set':
      case 'object': {
        const d = direct(this, t, env, ctx);
        if (d !== MULTI) return d === undefined ? false : k(d, env);
        return this.evalTermMulti(t, env, ctx, k);
      }
      case 'arraycomp':
      case 'setcomp':
      case 'objectcomp':
        return k(this.evalComprehension(t, env, ctx), env);
    }
  }

  /** The general path: terms that may have several values, through continuations. */
  private evalTermMulti(t: Term, env: Env | undefined, ctx: Context, k: ValueCont): boolean {
    switch (t.type) {
      case 'ref':
        return this.evalRefTerm(t, env, ctx, k);
      case 'array':
        return this.evalTerms(t.items, 0, [], env, ctx, (vs, e) => k(vs, e));
      case 'set':
        return this.evalTerms(t.items, 0, [], env, ctx, (vs, e) => k(new RegoSet(vs), e));
      case 'object': {
        const flat = t.items.flat();
        return this.evalTerms(flat, 0, [], env, ctx, (vs, e) => {
          const o = new RegoObject();
          for (let i = 0; i < vs.length; i += 2) o.set(vs[i]!, vs[i + 1]!);
          return k(o, e);
        });
      }
      case 'call':
        return this.evalCall(t, t.args, env, ctx, k);
      default:
        return this.evalTerm(t, env, ctx, k);
    }
  }

  evalTerms(ts: Term[], i: number, acc: Value[], env: Env | undefined, ctx: Context, k: (vs: Value[], env: Env | undefined) => boolean): boolean {
    if (i === ts.length) return k(acc.slice(), env);
    return this.evalTerm(ts[i]!, env, ctx, (v, e) => {
      acc[i] = v;
      return this.evalTerms(ts, i + 1, acc, e, ctx, k);
    });
  }

  /** True when the term has no unbound variables (it can be evaluated rather than matched). */
  isGround(t: Term, env: Env | undefined): boolean {
    switch (t.type) {
      case 'var':
        return t.name === 'input' || t.name === 'data' || lookup(env, t.name) !== undefined;
      case 'ref':
        return this.isGround(t.head, env) && t.path.every((p) => this.isGround(p, env));
      case 'array':
      case 'set':
        return t.items.every((x) => this.isGround(x, env));
      case 'object':
        return t.items.every(([a, b]) => this.isGround(a, env) && this.isGround(b, env));
      case 'call':
        return t.args.every((x) => this.isGround(x, env));
      default:
        return true;
    }
  }

  /** Unifies a term (a pattern possibly holding unbound vars) with a value. */
  unifyValue(t: Term, v: Value, env: Env | undefined, ctx: Context, k: Cont): boolean {
    switch (t.type) {
      case 'var': {
        const cur = lookup(env, t.name);
        if (cur !== undefined) return equals(cur, v) ? k(env) : false;
        return k(bind(env, t.name, v));
      }
      case 'array':
        if (!Array.isArray(v) || v.length !== t.items.length) return false;
        return this.unifyItems(t.items, v, 0, env, ctx, k);
      case 'object': {
        if (!(v instanceof RegoObject) || v.size !== t.items.length) return false;
        return this.evalTerms(
          t.items.map(([key]) => key),
          0,
          [],
          env,
          ctx,
          (keys, e) => {
            const vals: Value[] = [];
            for (const key of keys) {
              const x = v.get(key);
              if (x === undefined) return false;
              vals.push(x);
            }
            return this.unifyItems(
              t.items.map(([, val]) => val),
              vals,
              0,
              e,
              ctx,
              k,
            );
          },
        );
      }
      default:
        break;
    }
    return this.evalTerm(t, env, ctx, (x, e) => (equals(x, v) ? k(e) : false));
  }

  /** Like unifyValue, but variables are new declarations: they shadow any outer binding. */
  declare(t: Term, v: Value, env: Env | undefined, ctx: Context, k: Cont): boolean {
    if (t.type === 'var') return k(bind(env, t.name, v));
    if (t.type === 'array') {
      if (!Array.isArray(v) || v.length !== t.items.length) return false;
      const go = (i: number, e: Env | undefined): boolean => (i === v.length ? k(e) : this.declare(t.items[i]!, v[i]!, e, ctx, (e2) => go(i + 1, e2)));
      return go(0, env);
    }
    return this.unifyValue(t, v, env, ctx, k);
  }

  private unifyItems(ts: Term[], vs: Value[], i: number, env: Env | undefined, ctx: Context, k: Cont): boolean {
    if (i === ts.length) return k(env);
    return this.unifyValue(ts[i]!, vs[i]!, env, ctx, (e) => this.unifyItems(ts, vs, i + 1, e, ctx, k));
  }

  unifyTerms(a: Term, b: Term, env: Env | undefined, ctx: Context, k: Cont): boolean {
    if (this.isGround(a, env) || !isPatternTerm(a)) return this.evalTerm(a, env, ctx, (v, e) => this.unifyValue(b, v, e, ctx, k));
    if (this.isGround(b, env) || !isPatternTerm(b)) return this.evalTerm(b, env, ctx, (v, e) => this.unifyValue(a, v, e, ctx, k));
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      const go = (i: number, e: Env | undefined): boolean =>
        i === a.items.length ? k(e) : this.unifyTerms(a.items[i]!, b.items[i]!, e, ctx, (e2) => go(i + 1, e2));
      return go(0, env);
    }
    throw new RegoEvalError('rego_unsafe_var_error', 'cannot unify two unbound patterns', a.loc);
  }

  // ---- comprehensions ----

  evalComprehension(t: ComprehensionTerm, env: Env | undefined, ctx: Context): Value {
    if (t.index) {
      let map = ctx.compCache.get(t.id!) as Map<string, Collector> | undefined;
      if (!map) {
        map = new Map();
        const built = map;
        const idx = t.index;
        this.evalBody(idx.body, 0, undefined, ctx, (e) => {
          const key = idx.keyVars.map((kv) => valueKey(lookup(e, kv)!)).join('\u0000');
          let c = built.get(key);
          if (!c) {
            c = new Collector(t.type, t.loc);
            built.set(key, c);
          }
          this.collect(t, e, ctx, c);
          return false;
        });
        ctx.compCache.set(t.id!, map);
      }
      const keyParts: string[] = [];
      for (const kt of t.index.keys) {
        let kv: Value | undefined;
        this.evalTerm(kt, env, ctx, (v) => {
          kv = v;
          return true;
        });
        if (kv === undefined) return new Collector(t.type, t.loc).value();
        keyParts.push(valueKey(kv));
      }
      return (map.get(keyParts.join('\u0000')) ?? new Collector(t.type, t.loc)).value();
    }
    if (t.closed) {
      const cached = ctx.compCache.get(t.id!) as Value | undefined;
      if (cached !== undefined) return cached;
    }
    const c = new Collector(t.type, t.loc);
    this.evalBody(t.body, 0, env, ctx, (e) => {
      this.collect(t, e, ctx, c);
      return false;
    });
    const v = c.value();
    if (t.closed) ctx.compCache.set(t.id!, v);
    return v;
  }

  private collect(t: ComprehensionTerm, env: Env | undefined, ctx: Context, c: Collector): void {
    this.evalTerm(t.head, env, ctx, (hv, e) => {
      if (t.value) {
        this.evalTerm(t.value, e, ctx, (vv) => {
          c.add(hv, vv);
          return false;
        });
      } else c.add(hv, hv);
      return false;
    });
  }
}

function refText(t: Term): string {
  if (t.type !== 'ref' || t.head.type !== 'var') return '?';
  return [t.head.name, ...t.path.map((p) => (p.type === 'scalar' ? String(p.value) : '?'))].join('.');
}

function isPatternTerm(t: Term): boolean {
  return t.type === 'var' || t.type === 'array' || t.type === 'object';
}

function isReplacement(v: Value | Replacement): v is Replacement {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RegoSet) && !(v instanceof RegoObject);
}

function asValue(v: Value | Replacement, loc: Location): Value {
  if (isReplacement(v)) throw new RegoEvalError('eval_type_error', 'with: a function cannot replace a document', loc);
  return v;
}
