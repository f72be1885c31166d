import type { CallTerm, FunctionTarget, Literal, RefTerm, Rule, Term } from './ast.js';
import type { Compiled, RuleSet, TreeNode } from './compile.js';
import { conflict, Context, DocBuilder, Env, UNDEFINED, type Cached, type Cont, type ValueCont } from './eval-context.js';
import type { EvalOptions } from './eval.js';
import { callBuiltin, SPECIAL_ARITY } from './eval-builtins.js';
import { RegoEvalError } from './errors.js';
import { BUILTINS, type BuiltinContext } from './builtins/index.js';
import { equals, RegoObject, RegoSet, type Value } from './value.js';

/** Reference evaluation over base and virtual documents, rule values (cached per context) and calls. */
export abstract class DataEvaluator {
  depth = 0;
  /** Data references resolved to the rule node their constant prefix names (null: none). */
  private readonly ruleRefs = new WeakMap<Term[], { node: TreeNode; at: string[] } | null>();
  /** What builtins may know about this evaluation: one object for all calls (per-query memory). */
  readonly builtinContext: BuiltinContext;

  constructor(
    readonly compiled: Compiled,
    readonly opts: EvalOptions,
  ) {
    this.builtinContext = { strict: opts.strict, nowNs: opts.nowNs, print: opts.print, budget: opts.budget };
  }

  abstract evalBody(body: Literal[], i: number, env: Env | undefined, ctx: Context, k: Cont): boolean;
  abstract evalTerm(t: Term, env: Env | undefined, ctx: Context, k: ValueCont): boolean;
  abstract evalTerms(ts: Term[], i: number, acc: Value[], env: Env | undefined, ctx: Context, k: (vs: Value[], env: Env | undefined) => boolean): boolean;
  abstract unifyValue(t: Term, v: Value, env: Env | undefined, ctx: Context, k: Cont): boolean;
  abstract isGround(t: Term, env: Env | undefined): boolean;
  abstract eachEntry(coll: Value, f: (key: Value, value: Value) => boolean): boolean;

  arityOf(t: CallTerm): number | undefined {
    if (t.arity !== undefined) return t.arity ?? undefined;
    const a = this.lookupArity(t);
    t.arity = a ?? null;
    return a;
  }

  private lookupArity(t: CallTerm): number | undefined {
    const target = t.target;
    if (!target) return undefined;
    if (target.kind === 'function') return this.compiled.functionArity.get(targetKey(target));
    return SPECIAL_ARITY.get(target.name) ?? BUILTINS.get(target.name)?.arity;
  }

  // ---- references ----

  evalRefTerm(t: RefTerm, env: Env | undefined, ctx: Context, k: ValueCont): boolean {
    const head = t.head;
    if (head.type === 'var' && head.name === 'data') {
      return this.evalDataRef(t.path, env, ctx, k);
    }
    if (head.type === 'var' && head.name === 'input') {
      return ctx.input === undefined ? false : this.evalPath(ctx.input, t.path, 0, env, ctx, k);
    }
    return this.evalTerm(head, env, ctx, (v, e) => this.evalPath(v, t.path, 0, e, ctx, k));
  }

  /**
   * Walks the path into a plain value, iterating where a key is an unbound variable. `inBaseData`:
   * the value is a base document reached through a `data` reference, where OPA reads a number key
   * as its string form (`data.x[2]` is `data.x["2"]`).
   */
  evalPath(value: Value, path: Term[], i: number, env: Env | undefined, ctx: Context, k: ValueCont, inBaseData = false): boolean {
    if (i === path.length) return k(value, env);
    const key = path[i]!;
    const childOf = inBaseData ? baseDataChild : child1;
    if (key.type === 'scalar') {
      const child = childOf(value, key.value);
      return child === undefined ? false : this.evalPath(child, path, i + 1, env, ctx, k, inBaseData);
    }
    if (this.isGround(key, env)) {
      return this.evalTerm(key, env, ctx, (kv, e) => {
        const child = childOf(value, kv);
        return child === undefined ? false : this.evalPath(child, path, i + 1, e, ctx, k, inBaseData);
      });
    }
    return this.eachEntry(value, (kv, child) =>
      this.unifyValue(key, kv, env, ctx, (e) => this.evalPath(child, path, i + 1, e, ctx, k, inBaseData)),
    );
  }

  evalDataRef(path: Term[], env: Env | undefined, ctx: Context, k: ValueCont): boolean {
    if (!ctx.dataOverrides) {
      // A reference whose constant prefix names a rule (`data.lib.x[k]`): straight to the rule.
      const hit = this.ruleRef(path);
      if (hit) {
        const v = this.ruleNodeValue(hit.node, hit.at, ctx);
        return v === undefined ? false : this.evalPath(v, path, hit.at.length, env, ctx, k);
      }
    }
    return this.walkData(this.compiled.tree, ctx.data, [], path, 0, env, ctx, k);
  }

  /** The rule node a data reference's leading string keys name (cached per reference), or null. */
  ruleRef(path: Term[]): { node: TreeNode; at: string[] } | null {
    let hit = this.ruleRefs.get(path);
    if (hit === undefined) this.ruleRefs.set(path, (hit = this.resolveRuleRef(path)));
    return hit;
  }

  /** The rule set of a user function call target. */
  functionSet(target: FunctionTarget & { kind: 'function' }): RuleSet | undefined {
    return this.compiled.ruleSets.get(targetKey(target));
  }

  /** The rule node a reference's leading string keys lead to, if any (no base data is read on the way). */
  private resolveRuleRef(path: Term[]): { node: TreeNode; at: string[] } | null {
    let node: TreeNode | undefined = this.compiled.tree;
    const at: string[] = [];
    for (const key of path) {
      if (key.type !== 'scalar' || typeof key.value !== 'string') return null;
      node = node.children.get(key.value);
      if (!node) return null;
      at.push(key.value);
      if (node.ruleSet) return node.ruleSet.kind === 'function' ? null : { node, at };
    }
    return null;
  }

  private walkData(
    node: TreeNode | undefined,
    base: Value | undefined,
    at: string[],
    path: Term[],
    i: number,
    env: Env | undefined,
    ctx: Context,
    k: ValueCont,
  ): boolean {
    if (node && ctx.dataOverrides?.has(at.join('.'))) node = undefined;
    if (!node) return base === undefined ? false : this.evalPath(base, path, i, env, ctx, k, true);
    if (node.ruleSet) {
      if (node.ruleSet.kind === 'function') {
        if (node.ruleSet.arity !== 0) return false;
        const fv = this.callFunction(node.ruleSet, [], ctx);
        return fv === undefined ? false : this.evalPath(fv, path, i, env, ctx, k);
      }
      const v = this.ruleNodeValue(node, at, ctx);
      return v === undefined ? false : this.evalPath(v, path, i, env, ctx, k);
    }
    if (i === path.length) return k(this.nodeValue(node, base, at, ctx), env);
    const key = path[i]!;
    const step = (kv: Value, e: Env | undefined): boolean => {
      const baseChild = base === undefined ? undefined : baseDataChild(base, kv);
      const name = typeof kv === 'number' ? numberKeyText(kv) : kv;
      const childNode = typeof name === 'string' ? node!.children.get(name) : undefined;
      if (!childNode && baseChild === undefined) return false;
      return this.walkData(childNode, baseChild, [...at, String(name)], path, i + 1, e, ctx, k);
    };
    if (key.type === 'scalar') return step(key.value, env);
    if (this.isGround(key, env)) return this.evalTerm(key, env, ctx, step);
    const keySet = new Set<string>(node.children.keys());
    if (base instanceof RegoObject) for (const bk of base.keys()) if (typeof bk === 'string') keySet.add(bk);
    for (const name of [...keySet].sort()) {
      if (this.unifyValue(key, name, env, ctx, (e) => step(name, e))) return true;
    }
    return false;
  }

  /** The value of a data node that holds rules below it: base data merged with every defined rule. */
  private nodeValue(node: TreeNode, base: Value | undefined, at: string[], ctx: Context): Value {
    const cacheKey = at.join('.');
    const cached = ctx.nodeCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const out = new RegoObject(base instanceof RegoObject ? base.entries() : undefined);
    for (const [name, child] of node.children) {
      const childPath = [...at, name];
      const baseChild = base instanceof RegoObject ? base.get(name) : undefined;
      let v: Value | undefined;
      if (ctx.dataOverrides?.has(childPath.join('.'))) v = baseChild;
      else if (child.ruleSet) v = child.ruleSet.kind === 'function' ? undefined : this.ruleNodeValue(child, childPath, ctx);
      else v = this.nodeValue(child, baseChild, childPath, ctx);
      if (v !== undefined) out.set(name, v);
    }
    ctx.nodeCache.set(cacheKey, out);
    return out;
  }

  /** A rule's value, merged with rules below it (`c[x] := 1` beside `c["a"] := 2`). */
  ruleNodeValue(node: TreeNode, at: string[], ctx: Context): Value | undefined {
    const v = this.ruleValue(node.ruleSet!, ctx);
    if (node.children.size === 0 || !(v === undefined || v instanceof RegoObject)) return v;
    const merged = new RegoObject(v instanceof RegoObject ? v.entries() : undefined);
    const rest = this.nodeValue({ children: node.children }, undefined, [...at, '\u0000rules'], ctx);
    if (rest instanceof RegoObject) for (const [ck, cv] of rest.entries()) merged.set(ck, cv);
    return merged.size > 0 ? merged : v;
  }

  // ---- rules ----

  ruleValue(set: RuleSet, ctx: Context): Value | undefined {
    const cached = ctx.ruleCache.get(set);
    if (cached !== undefined) return cached === UNDEFINED ? undefined : cached;
    if (ctx.inProgress.has(set)) {
      throw new RegoEvalError('rego_recursion_error', `rule data.${set.path.join('.')} is recursive`, set.rules[0]?.loc);
    }
    ctx.inProgress.add(set);
    let v: Value | undefined;
    try {
      v = this.computeRule(set, ctx);
    } finally {
      ctx.inProgress.delete(set);
    }
    ctx.ruleCache.set(set, v === undefined ? UNDEFINED : v);
    return v;
  }

  private computeRule(set: RuleSet, ctx: Context): Value | undefined {
    if (set.kind === 'complete') {
      let result: Value | undefined;
      for (const r of set.rules) {
        const v = this.definitionValue(r, undefined, ctx);
        if (v === undefined) continue;
        if (result !== undefined && !equals(result, v)) conflict(`complete rules must not produce multiple outputs (rule data.${set.path.join('.')})`, r.loc);
        result = v;
      }
      if (result === undefined && set.defaultRule) result = this.constant(set.defaultRule.head.value!, ctx);
      return result;
    }
    const builder = new DocBuilder(set.kind === 'set', set.rules.some((r) => (r.dynamicKeys ?? []).length > 0));
    for (const r of set.rules) {
      const keys = r.dynamicKeys ?? [];
      const leaf = set.kind === 'set' ? r.head.key! : r.head.value;
      this.withRule(r, ctx, () =>
        this.evalBody(r.body, 0, undefined, ctx, (env) =>
          this.evalTerms(keys, 0, [], env, ctx, (kvs, e) => {
            if (!leaf) {
              builder.insert(kvs, true, r.loc);
              return false;
            }
            return this.evalTerm(leaf, e, ctx, (lv) => {
              builder.insert(kvs, lv, r.loc);
              return false;
            });
          }),
        ),
      );
    }
    for (const d of set.keyDefaults ?? []) {
      const keys = d.dynamicKeys!.map((t) => (t.type === 'scalar' ? t.value : null));
      if (builder.has(keys)) continue;
      const v = this.constant(d.head.value!, ctx);
      if (v !== undefined) builder.insert(keys, v, d.loc);
    }
    return builder.emptyValue();
  }

  private withRule<T>(r: Rule, ctx: Context, f: () => T): T {
    ctx.ruleStack.push(r);
    if (++this.depth > this.opts.maxDepth) {
      this.depth = 0;
      throw new RegoEvalError('eval_recursion_error', `evaluation exceeded the depth limit of ${this.opts.maxDepth}`, r.loc);
    }
    try {
      return f();
    } finally {
      this.depth--;
      ctx.ruleStack.pop();
    }
  }

  /** Value of one definition with its else chain; `env` holds function parameters. */
  private definitionValue(r: Rule, env: Env | undefined, ctx: Context): Value | undefined {
    return this.withRule(r, ctx, () => {
      const clauses = [{ body: r.body, value: r.head.value }, ...r.elses];
      for (const c of clauses) {
        let result: Value | undefined;
        this.evalBody(c.body, 0, env, ctx, (e) => {
          if (!c.value) {
            result = true;
            return false;
          }
          return this.evalTerm(c.value, e, ctx, (v) => {
            if (result !== undefined && !equals(result, v)) {
              conflict(
                r.kind === 'function' ? 'functions must not produce multiple outputs for same inputs' : 'complete rules must not produce multiple outputs',
                r.loc,
              );
            }
            result = v;
            return false;
          });
        });
        if (result !== undefined) return result;
      }
      return undefined;
    });
  }

  private constant(t: Term, ctx: Context): Value | undefined {
    let out: Value | undefined;
    this.evalTerm(t, undefined, ctx, (v) => {
      out = v;
      return true;
    });
    return out;
  }

  // ---- calls ----

  evalCall(t: CallTerm, args: Term[], env: Env | undefined, ctx: Context, k: ValueCont): boolean {
    let target = t.target!;
    if (ctx.fnOverrides) {
      const rep = ctx.fnOverrides.get(target.kind === 'builtin' ? 'b:' + target.name : 'f:' + targetKey(target));
      if (rep?.kind === 'value') return this.evalTerms(args, 0, [], env, ctx, (_vs, e) => k(rep.value, e));
      if (rep?.kind === 'fn') target = rep.target;
    }
    if (target.kind === 'builtin' && target.name === 'print') return this.evalPrint(args, env, ctx, k);
    return this.evalTerms(args, 0, [], env, ctx, (vs, e) => {
      if (target.kind === 'function') {
        const set = this.compiled.ruleSets.get(targetKey(target));
        if (!set) return false;
        const v = this.callFunction(set, vs, ctx);
        return v === undefined ? false : k(v, e);
      }
      const results = callBuiltin(this, target.name, vs, ctx, t.loc);
      for (const r of results) if (k(r, e)) return true;
      return false;
    });
  }

  callFunction(set: RuleSet, args: Value[], ctx: Context): Value | undefined {
    // Memo: one nested Map level per argument, keyed by the argument itself (scalars by value,
    // documents by identity), so a lookup builds no string and hashes no document.
    let level = ctx.fnResults.get(set);
    if (!level) ctx.fnResults.set(set, (level = new Map()));
    for (let i = 0; i < args.length - 1; i++) {
      const key = memoKey(args[i]!);
      let next = level.get(key) as Map<unknown, unknown> | undefined;
      if (!next) level.set(key, (next = new Map()));
      level = next;
    }
    const lastKey = args.length > 0 ? memoKey(args[args.length - 1]!) : NO_ARGS;
    const memo = level.get(lastKey) as Cached | undefined;
    if (memo !== undefined) return memo === UNDEFINED ? undefined : memo;
    let result: Value | undefined;
    for (const r of set.rules) {
      const params = r.head.args!;
      let v: Value | undefined;
      const bindParams = (i: number, env: Env | undefined): boolean => {
        if (i === params.length) {
          const out = this.definitionValue(r, env, ctx);
          if (out !== undefined) {
            if (v !== undefined && !equals(v, out)) conflict('functions must not produce multiple outputs for same inputs', r.loc);
            v = out;
          }
          return false;
        }
        return this.unifyValue(params[i]!, args[i]!, env, ctx, (e) => bindParams(i + 1, e));
      };
      const simple = simpleParams(params, args);
      if (simple !== false) bindParams(params.length, simple);
      else bindParams(0, undefined);
      if (v === undefined) continue;
      if (result !== undefined && !equals(result, v)) conflict('functions must not produce multiple outputs for same inputs', r.loc);
      result = v;
    }
    if (result === undefined && set.defaultRule) result = this.constant(set.defaultRule.head.value!, ctx);
    level.set(lastKey, result === undefined ? UNDEFINED : result);
    return result;
  }

  private evalPrint(args: Term[], env: Env | undefined, ctx: Context, k: ValueCont): boolean {
    const parts: string[][] = args.map((a) => {
      const vals: string[] = [];
      this.evalTerm(a, env, ctx, (v) => {
        vals.push(typeof v === 'string' ? v : printText(v));
        return false;
      });
      return vals.length ? vals : ['<undefined>'];
    });
    const emit = (i: number, acc: string[]): void => {
      if (i === parts.length) {
        this.opts.print(acc.join(' '));
        return;
      }
      for (const p of parts[i]!) emit(i + 1, [...acc, p]);
    };
    emit(0, []);
    return k(true, env);
  }
}

const NO_ARGS = Symbol('no arguments');

/**
 * Memo key of a function argument: scalars by value (-0 as 0), composites by identity (serialising
 * a large document per call would cost more than the call; equal copies just miss the memo).
 */
/**
 * Parameters that are all variables bind without unification: the bindings, or false when a
 * parameter is not a variable (then unification decides). A variable named twice must match.
 */
function simpleParams(params: Term[], args: Value[]): Env | undefined | false {
  let env: Env | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p.type !== 'var') return false;
    for (let e = env; e; e = e.parent) if (e.name === p.name) return false;
    env = new Env(p.name, args[i]!, env);
  }
  return env;
}

/** A user function's dotted path, computed once per call site. */
function targetKey(target: FunctionTarget & { kind: 'function' }): string {
  return (target.key ??= target.path.join('.'));
}

function memoKey(v: Value): unknown {
  return Object.is(v, -0) ? 0 : v;
}

/** Child of a collection by key (sets: the element itself), or undefined. */
export function child1(v: Value, key: Value): Value | undefined {
  if (v instanceof RegoObject) return v.get(key);
  if (Array.isArray(v)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= v.length) return undefined;
    return v[key];
  }
  if (v instanceof RegoSet) return v.has(key) ? key : undefined;
  return undefined;
}

/** OPA's storage path element for a number key: its JSON text (`2`, `2.2`). */
function numberKeyText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** Child of a base document reached through `data`: an object's number key falls back to its string form. */
function baseDataChild(v: Value, key: Value): Value | undefined {
  const child = child1(v, key);
  if (child !== undefined || typeof key !== 'number' || !(v instanceof RegoObject)) return child;
  return v.get(numberKeyText(key));
}

export function printText(v: Value): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(printText).join(', ') + ']';
  if (v instanceof RegoSet) return v.size === 0 ? 'set()' : '{' + v.sorted().map(printText).join(', ') + '}';
  return '{' + v.sortedKeys().map((k) => `${printText(k)}: ${printText(v.get(k)!)}`).join(', ') + '}';
}
