import type { CallTerm, FunctionTarget, Literal, Location, Module, Rule, ScalarTerm, Term, ValueTerm, WithModifier } from './ast.js';
import { RegoObject, RegoSet, type Value } from './value.js';
import { exprTerms, mapTerm } from './ast-walk.js';
import { RegoCompileError } from './errors.js';
import { DEPRECATED_BUILTINS } from './builtins/index.js';

export interface ResolveTables {
  /** Rule names (first head segment) per package path key. */
  ruleNames: Map<string, Set<string>>;
  /** Function arity by full path key ('a.b.f'). */
  functions: Map<string, number>;
  /** Builtins callable by name, with arity. */
  builtinArity: (name: string) => number | undefined;
  /** Network builtins: refused with a clear error. */
  refused: ReadonlySet<string>;
  /** Strict mode: Rego v1's checks (reserved input/data, deprecated builtins) apply to v0 modules too. */
  strict?: boolean;
}

let wildcardCounter = 0;

/** Resolves rule names, imports and calls in a module, and renames `_` to unique variables. */
export class Resolver {
  private readonly aliases = new Map<string, Term>();
  /** Import aliases some rule reads (for strict mode's unused-import check). */
  readonly usedAliases = new Set<string>();
  /** The module follows Rego v1's checks: a v1 module, or any module in strict mode. */
  private readonly v1Checks: boolean;
  private readonly ruleNames: Set<string>;
  private readonly pkgKey: string;

  constructor(
    private readonly mod: Module,
    private readonly tables: ResolveTables,
  ) {
    this.pkgKey = mod.packagePath.join('.');
    this.ruleNames = tables.ruleNames.get(this.pkgKey) ?? new Set();
    this.v1Checks = mod.regoVersion === 'v1' || tables.strict === true;
    let regoV1 = false;
    let future = false;
    for (const imp of mod.imports) {
      const path = importPath(imp.path);
      if (path[0] === 'rego' && path[1] === 'v1') {
        if (regoV1 || future) throw new RegoCompileError('import rego.v1: this import shadows previous import (rego.v1 implies future.keywords)', imp.loc);
        regoV1 = true;
        continue;
      }
      if (path[0] === 'future') {
        if (regoV1) throw new RegoCompileError(`import ${path.join('.')}: this import shadows previous import (rego.v1 implies future.keywords)`, imp.loc);
        future = true;
        continue;
      }
      const alias = imp.alias ?? path[path.length - 1]!;
      if (path.length === 1 && !imp.alias) continue; // `import input` / `import data`
      if (this.aliases.has(alias)) throw new RegoCompileError(`import ${alias}: this import shadows previous import`, imp.loc);
      if (alias === 'input' || alias === 'data') throw new RegoCompileError(`import ${alias}: ${alias} cannot be shadowed`, imp.loc);
      this.aliases.set(alias, imp.path);
    }
  }

  resolveRule(rule: Rule): void {
    const locals = new Set<string>();
    if (rule.head.args) for (const a of rule.head.args) collectPatternVars(a, locals);
    const first = rule.head.ref[0];
    if (this.v1Checks && first?.type === 'var' && (first.name === 'input' || first.name === 'data')) {
      throw new RegoCompileError(`rule ${first.name}: ${first.name} cannot be shadowed`, rule.loc);
    }
    checkRedeclared(rule.body, new Set(locals), this.v1Checks);
    for (const e of rule.elses) checkRedeclared(e.body, new Set(locals), this.v1Checks);
    collectDeclared(rule.body, locals);
    for (const e of rule.elses) collectDeclared(e.body, locals);
    if (rule.head.args) rule.head.args = rule.head.args.map((a) => this.term(a, locals));
    rule.body = this.body(rule.body, locals);
    if (rule.head.key) rule.head.key = this.term(rule.head.key, locals);
    if (rule.head.value) rule.head.value = this.term(rule.head.value, locals);
    if (rule.dynamicKeys) rule.dynamicKeys = rule.dynamicKeys.map((k) => this.term(k, locals));
    for (const e of rule.elses) {
      e.body = this.body(e.body, locals);
      if (e.value) e.value = this.term(e.value, locals);
    }
  }

  body(lits: Literal[], outer: Set<string>): Literal[] {
    const locals = new Set(outer);
    collectDeclared(lits, locals);
    return lits.map((l) => this.literal(l, locals));
  }

  private literal(l: Literal, locals: Set<string>): Literal {
    const e = l.expr;
    checkPatternShapes(l);
    let expr: Literal['expr'];
    const t = (x: Term): Term => this.term(x, locals);
    switch (e.type) {
      case 'term':
        expr = { ...e, term: e.term.type === 'call' ? this.call(e.term, locals, true) : t(e.term) };
        break;
      case 'unify':
      case 'assign':
        if (e.type === 'assign') checkAssignable(e.left);
        expr = { ...e, left: t(e.left), right: t(e.right) };
        break;
      case 'some':
        expr = e;
        break;
      case 'somein':
        expr = { ...e, value: t(e.value), collection: t(e.collection), ...(e.key ? { key: t(e.key) } : {}) };
        break;
      case 'every': {
        const inner = new Set(locals);
        if (e.key) collectPatternVars(e.key, inner);
        collectPatternVars(e.value, inner);
        expr = {
          ...e,
          collection: t(e.collection),
          value: this.term(e.value, inner),
          ...(e.key ? { key: this.term(e.key, inner) } : {}),
          body: this.body(e.body, inner),
        };
        break;
      }
    }
    return { ...l, expr, with: l.with.map((w) => this.withMod(w, locals)) };
  }

  private withMod(w: WithModifier, locals: Set<string>): WithModifier {
    const out: WithModifier = { ...w, value: this.term(w.value, locals) };
    const name = dotted(w.target);
    if (!name) throw new RegoCompileError('with: target must be a reference to input, data or a function', w.loc);
    if (name[0] === 'input') out.resolved = { kind: 'input', path: name.slice(1) };
    else {
      const fn = this.functionTarget(name, undefined);
      if (fn) out.resolved = fn;
      else if (name[0] === 'data') out.resolved = { kind: 'data', path: name.slice(1) };
      else {
        const r = this.term(w.target, new Set());
        const rn = r.type === 'var' ? [r.name] : r.type === 'ref' ? dotted(r) : undefined;
        if (rn?.[0] === 'data') out.resolved = { kind: 'data', path: rn.slice(1) };
        else throw new RegoCompileError(`with: invalid target ${name.join('.')}`, w.loc);
      }
    }
    const vn = dotted(w.value);
    if (vn && !locals.has(vn[0]!)) {
      const fn = this.functionTarget(vn, undefined);
      if (fn) out.valueFn = fn;
    }
    return out;
  }

  term(t: Term, locals: Set<string>): Term {
    switch (t.type) {
      case 'var':
        return this.varTerm(t.name, t.loc, locals);
      case 'ref': {
        const head = t.head.type === 'var' ? this.varTerm(t.head.name, t.head.loc, locals) : this.term(t.head, locals);
        const path = t.path.map((p) => this.term(p, locals));
        if (head.type === 'ref') return { ...t, head: head.head, path: [...head.path, ...path] };
        return { ...t, head, path };
      }
      case 'call':
        return this.call(t, locals);
      case 'arraycomp':
      case 'setcomp':
      case 'objectcomp': {
        const inner = new Set(locals);
        collectDeclared(t.body, inner);
        checkRedeclared(t.body, new Set(), this.v1Checks);
        const body = t.body.map((l) => this.literal(l, inner));
        return {
          ...t,
          body,
          head: this.term(t.head, inner),
          ...(t.value ? { value: this.term(t.value, inner) } : {}),
        };
      }
      default:
        return foldConstant(mapTerm(t, (x) => this.term(x, locals)));
    }
  }

  private varTerm(name: string, loc: Location, locals: Set<string>): Term {
    if (name === '_') return { type: 'var', name: `$_${++wildcardCounter}`, loc };
    if (locals.has(name) || name === 'input' || name === 'data') return { type: 'var', name, loc };
    const imp = this.aliases.get(name);
    if (imp) {
      this.usedAliases.add(name);
      return refFromTerm(imp, loc);
    }
    if (this.ruleNames.has(name)) return dataRef([...this.mod.packagePath, name], loc);
    return { type: 'var', name, loc };
  }

  /** `allowOutput`: the call is a whole expression, where `f(x, out)` binds the result to `out`. */
  private call(t: CallTerm, locals: Set<string>, allowOutput = false): Term {
    const args = t.args.map((a) => this.term(a, locals));
    const target = this.functionTarget(t.name, t.loc)!;
    const arity = target.kind === 'builtin' ? this.tables.builtinArity(target.name) : this.tables.functions.get(target.path.join('.'));
    if (arity !== undefined && arity >= 0 && args.length !== arity && !(allowOutput && args.length === arity + 1)) {
      throw new RegoCompileError(
        `${t.name.join('.')}: expects ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`,
        t.loc,
        'rego_type_error',
      );
    }
    return { ...t, args, target };
  }

  /** Resolves a dotted name to a builtin or user function; throws when `loc` is given and nothing matches. */
  functionTarget(name: string[], loc: Location | undefined): FunctionTarget | undefined {
    const joined = name.join('.');
    const imp = this.aliases.get(name[0]!);
    if (imp) {
      this.usedAliases.add(name[0]!);
      const path = [...dotted(imp)!, ...name.slice(1)];
      if (path[0] === 'data' && this.tables.functions.has(path.slice(1).join('.'))) return { kind: 'function', path: path.slice(1) };
    }
    if (name[0] === 'data' && this.tables.functions.has(name.slice(1).join('.'))) return { kind: 'function', path: name.slice(1) };
    const local = [...this.mod.packagePath, ...name];
    if (this.tables.functions.has(local.join('.'))) return { kind: 'function', path: local };
    if (this.tables.refused.has(joined)) {
      if (!loc) return undefined;
      throw new RegoCompileError(`${joined}: network builtins are not available in scv-guard's Rego engine`, loc);
    }
    const removed = this.mod.regoVersion === 'v1' && DEPRECATED_BUILTINS.has(joined);
    if (!removed && this.v1Checks && DEPRECATED_BUILTINS.has(joined) && loc) {
      throw new RegoCompileError(`deprecated built-in function calls in expression: ${joined}`, loc, 'rego_type_error');
    }
    if (!removed && this.tables.builtinArity(joined) !== undefined) return { kind: 'builtin', name: joined };
    if (!loc) return undefined;
    throw new RegoCompileError(`undefined function ${joined}`, loc);
  }
}

/** Literal patterns that can never match are type errors, as OPA's type checker reports them. */
function checkPatternShapes(l: Literal): void {
  const e = l.expr;
  const mismatch = (a: Term, b: Term): string | undefined => {
    const kinds = ['array', 'object', 'set', 'scalar'];
    if (!kinds.includes(a.type) || !kinds.includes(b.type)) return undefined;
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return 'mismatch in number of array elements';
      for (let i = 0; i < a.items.length; i++) {
        const m = mismatch(a.items[i]!, b.items[i]!);
        if (m) return m;
      }
      return undefined;
    }
    if (a.type === 'object' && b.type === 'object') {
      const keys = (o: typeof a): string[] | undefined =>
        o.items.every(([k]) => k.type === 'scalar') ? o.items.map(([k]) => JSON.stringify((k as { value: unknown }).value)).sort() : undefined;
      const ka = keys(a);
      const kb = keys(b);
      if (ka && kb && ka.join(',') !== kb.join(',')) return `object literal keys mismatch: [${ka.join(', ')}] and [${kb.join(', ')}]`;
      return undefined;
    }
    if ((a.type === 'array' || a.type === 'object') && a.type !== b.type && b.type !== 'scalar') {
      return 'incompatible destructuring patterns: both sides must be arrays or objects with matching structure';
    }
    return undefined;
  };
  let problem: string | undefined;
  if (e.type === 'unify' || e.type === 'assign') problem = mismatch(e.left, e.right);
  else if (e.type === 'somein' && !e.key && e.value.type === 'array' && e.collection.type === 'array' && e.collection.items.length > 0) {
    const errs = e.collection.items.map((item) => mismatch(e.value, item));
    if (errs.every((x) => x)) problem = errs[0];
  }
  if (problem) throw new RegoCompileError(`match error: ${problem}`, l.loc, 'rego_type_error');
}

/** `x := ...` twice in one body, over a function parameter, or `some x in` after x was used, is an error as in OPA. */
function checkRedeclared(lits: Literal[], declared: Set<string>, v1Checks: boolean): void {
  const seen = new Set<string>();
  for (const l of lits) {
    const e = l.expr;
    const vars = new Set<string>();
    const before = new Set(seen);
    for (const t of exprTerms(e)) collectPatternVars(t, seen);
    if (e.type === 'assign') collectPatternVars(e.left, vars);
    else if (e.type === 'somein') {
      if (e.key) collectPatternVars(e.key, vars);
      collectPatternVars(e.value, vars);
    } else continue;
    for (const v of vars) {
      if ((v === 'input' || v === 'data') && (v1Checks || e.type === 'somein')) {
        throw new RegoCompileError(`var ${v}: ${v} cannot be shadowed`, l.loc);
      }
      if (declared.has(v)) throw new RegoCompileError(`var ${v} assigned above`, l.loc);
      if (e.type === 'somein' && before.has(v)) throw new RegoCompileError(`var ${v} referenced above`, l.loc);
      declared.add(v);
    }
  }
}

/** A collection literal of constants becomes one value, built once (and evaluated without recursion). */
function foldConstant(t: Term): Term {
  const constant = (x: Term): x is ScalarTerm | ValueTerm => x.type === 'scalar' || x.type === 'value';
  const val = (x: ScalarTerm | ValueTerm): Value => x.value;
  if ((t.type === 'array' || t.type === 'set') && t.items.every(constant)) {
    const items = t.items.map(val);
    return { type: 'value', value: t.type === 'array' ? items : new RegoSet(items), loc: t.loc };
  }
  if (t.type === 'object' && t.items.every(([k, v]) => constant(k) && constant(v))) {
    return { type: 'value', value: new RegoObject(t.items.map(([k, v]) => [val(k as ScalarTerm), val(v as ScalarTerm)] as [Value, Value])), loc: t.loc };
  }
  return t;
}

function checkAssignable(t: Term): void {
  if (t.type === 'var' || t.type === 'array' || t.type === 'object') return;
  throw new RegoCompileError('cannot assign to ' + t.type, t.loc);
}

export function importPath(t: Term): string[] {
  return dotted(t) ?? [];
}

export function dotted(t: Term): string[] | undefined {
  if (t.type === 'var') return [t.name];
  if (t.type !== 'ref') return undefined;
  const head = dotted(t.head);
  if (!head) return undefined;
  const out = [...head];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    out.push(p.value);
  }
  return out;
}

function refFromTerm(t: Term, loc: Location): Term {
  const path = dotted(t)!;
  return {
    type: 'ref',
    head: { type: 'var', name: path[0]!, loc },
    path: path.slice(1).map((p) => ({ type: 'scalar' as const, value: p, loc })),
    loc,
  };
}

export function dataRef(path: string[], loc: Location): Term {
  return {
    type: 'ref',
    head: { type: 'var', name: 'data', loc },
    path: path.map((p) => ({ type: 'scalar' as const, value: p, loc })),
    loc,
  };
}

/** Variables a body declares with `:=`, `some` and `some ... in` (they shadow rule names). */
function collectDeclared(lits: Literal[], out: Set<string>): void {
  for (const l of lits) {
    const e = l.expr;
    if (e.type === 'assign') collectPatternVars(e.left, out);
    else if (e.type === 'some') for (const v of e.vars) out.add(v.name);
    else if (e.type === 'somein') {
      if (e.key) collectPatternVars(e.key, out);
      collectPatternVars(e.value, out);
    }
  }
}

export function collectPatternVars(t: Term, out: Set<string>): void {
  if (t.type === 'var') {
    if (t.name !== '_') out.add(t.name);
  } else if (t.type === 'array' || t.type === 'set') for (const i of t.items) collectPatternVars(i, out);
  else if (t.type === 'object') for (const [, v] of t.items) collectPatternVars(v, out);
}
