import { chainEntry, annotationValue } from './annotations.js';
import { UNDEFINED, type Context } from './eval-context.js';
import type { DataEvaluator } from './eval-data.js';
import { RegoError, RegoEvalError, type Location } from './errors.js';
import { BUILTINS } from './builtins/index.js';
import { BuiltinError } from './builtins/types.js';
import { equals, RegoObject, RegoSet, valueKey, type Value } from './value.js';

/** Builtins that need the evaluator, with their arity (print is variadic and handled by the evaluator). */
export const SPECIAL_ARITY: ReadonlyMap<string, number> = new Map([
  ['walk', 1],
  ['rego.metadata.rule', 0],
  ['rego.metadata.chain', 0],
  ['trace', 1],
  ['opa.runtime', 0],
  ['internal.member_2', 2],
  ['internal.member_3', 3],
]);

/** Network and host builtins this engine refuses at compile time. */
export const REFUSED_BUILTINS: ReadonlySet<string> = new Set([
  'http.send',
  'net.lookup_ip_addr',
  'opa.runtime.env',
  'io.jwt.decode_verify',
  'providers.aws.sign_req',
]);

/** Arity of any callable builtin, -1 for the variadic print; undefined when unknown. */
export function builtinArity(name: string): number | undefined {
  if (name === 'print') return -1;
  return SPECIAL_ARITY.get(name) ?? BUILTINS.get(name)?.arity;
}

/** Calls a builtin: zero results (undefined), one, or several (relations such as walk). */
/** Builtins whose result holds the strings inside their collection arguments. */
const JOINS_STRINGS: ReadonlySet<string> = new Set(['concat', 'sprintf', 'strings.join']);

export function callBuiltin(ev: DataEvaluator, name: string, args: Value[], ctx: Context, loc: Location): Value[] {
  switch (name) {
    case 'internal.member_2':
      return [member(args[0]!, args[1]!)];
    case 'internal.member_3':
      return [member3(args[0]!, args[1]!, args[2]!)];
    case 'walk': {
      const out: Value[] = [];
      walk(args[0]!, [], out);
      return out;
    }
    case 'rego.metadata.rule': {
      const rule = ctx.ruleStack[ctx.ruleStack.length - 1];
      const ann = rule?.annotations?.find((a) => a.scope === 'rule') ?? documentAnnotation(ev, rule?.path);
      return [ann ? annotationValue(ann) : new RegoObject()];
    }
    case 'rego.metadata.chain':
      return [metadataChain(ev, ctx)];
    case 'trace':
      return [true];
    case 'opa.runtime':
      return [new RegoObject([['env', new RegoObject()], ['config', new RegoObject()], ['version', 'scv-guard']])];
  }
  const b = BUILTINS.get(name);
  if (!b) throw new RegoEvalError('eval_builtin_error', `unknown builtin ${name}`, loc);
  // As in OPA, a nondeterministic builtin (uuid.rfc4122, rand.intn) returns one value per arguments per query.
  const memoKey = b.nondeterministic ? `${name}(${args.map(valueKey).join(',')}` : undefined;
  if (memoKey !== undefined) {
    const hit = ctx.fnMemo.get(memoKey);
    if (hit !== undefined) return hit === UNDEFINED ? [] : [hit];
  }
  ev.builtinContext.budget.reserve(args, loc, JOINS_STRINGS.has(name));
  try {
    const v = b.fn(args, ev.builtinContext);
    if (v !== undefined) ev.builtinContext.budget.charge(v, loc);
    if (memoKey !== undefined) ctx.fnMemo.set(memoKey, v === undefined ? UNDEFINED : v);
    return v === undefined ? [] : [v];
  } catch (e) {
    if (e instanceof RegoError) throw e;
    const msg = e instanceof BuiltinError ? e.message : `${name}: ${(e as Error).message}`;
    if (ev.opts.strict) throw new RegoEvalError('eval_builtin_error', msg, loc);
    return [];
  }
}

function member(x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) return coll.some((v) => equals(v, x));
  if (coll instanceof RegoSet) return coll.has(x);
  if (coll instanceof RegoObject) {
    for (const [, v] of coll.entries()) if (equals(v, x)) return true;
  }
  return false;
}

function member3(k: Value, x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) return typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < coll.length && equals(coll[k]!, x);
  if (coll instanceof RegoObject) {
    const v = coll.get(k);
    return v !== undefined && equals(v, x);
  }
  if (coll instanceof RegoSet) return equals(k, x) && coll.has(x);
  return false;
}

function walk(v: Value, path: Value[], out: Value[]): void {
  out.push([path.slice(), v]);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], out));
  else if (v instanceof RegoObject) for (const k of v.sortedKeys()) walk(v.get(k)!, [...path, k], out);
  else if (v instanceof RegoSet) for (const x of v.sorted()) walk(x, [...path, x], out);
}

function documentAnnotation(ev: DataEvaluator, path: string[] | undefined) {
  if (!path) return undefined;
  const set = ev.compiled.ruleSets.get(path.join('.'));
  for (const r of set?.rules ?? []) {
    const a = r.annotations?.find((x) => x.scope === 'document');
    if (a) return a;
  }
  return undefined;
}

function metadataChain(ev: DataEvaluator, ctx: Context): Value {
  const rule = ctx.ruleStack[ctx.ruleStack.length - 1];
  if (!rule?.path || !rule.module) return [];
  const out: Value[] = [];
  const ruleAnn = rule.annotations?.find((a) => a.scope === 'rule') ?? documentAnnotation(ev, rule.path);
  out.push(chainEntry(rule.path, ruleAnn));
  const pkg = rule.module.packagePath;
  for (let n = pkg.length; n >= 1; n--) {
    const prefix = pkg.slice(0, n).join('.');
    let found;
    for (const m of ev.compiled.modules) {
      if (m.packagePath.slice(0, n).join('.') !== prefix) continue;
      found = m.annotations.find(
        (a) => (n === pkg.length && m.packagePath.length === n && a.scope === 'package') || (a.scope === 'subpackages' && a.path.join('.') === prefix),
      );
      if (found) break;
    }
    if (found) out.push(chainEntry(pkg.slice(0, n), found));
  }
  return out;
}
