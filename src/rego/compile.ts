import type { Module, Rule, RuleKind, Term } from './ast.js';
import { attachAnnotations } from './annotations.js';
import { collectPatternVars, Resolver, type ResolveTables } from './compile-resolve.js';
import { collectVars, Safety } from './compile-safety.js';
import { checkRecursion } from './compile-recursion.js';
import { checkUnusedImports, checkUnusedVars } from './compile-strict.js';
import { RegoCompileError } from './errors.js';
import { parseModule, type RegoVersion } from './parser.js';

export interface ModuleSource {
  file: string;
  text: string;
}

export interface CompileOptions {
  regoVersion?: RegoVersion;
  /** Default of EvaluateOptions.strict (builtin errors halt evaluation). */
  strict?: boolean;
  /**
   * OPA's compiler strict mode (`opa check --strict`): unused local assignments, unused function
   * arguments and unused imports are compile errors, and Rego v1's checks (reserved `input`/`data`,
   * deprecated builtins) apply to v0 modules too.
   */
  strictCompile?: boolean;
}

/** All definitions of one rule (or function) path. */
export interface RuleSet {
  path: string[];
  kind: RuleKind;
  rules: Rule[];
  defaultRule?: Rule;
  /** Defaults of single keys of a partial object, whose heads end in constant keys (`default p[true] := 1`). */
  keyDefaults?: Rule[];
  arity?: number;
}

export interface TreeNode {
  children: Map<string, TreeNode>;
  ruleSet?: RuleSet;
}

export interface Compiled {
  modules: Module[];
  tree: TreeNode;
  ruleSets: Map<string, RuleSet>;
  functionArity: Map<string, number>;
  tables: ResolveTables;
  safety: Safety;
}

export function compileModules(
  sources: ModuleSource[],
  opts: CompileOptions,
  builtinArity: (name: string) => number | undefined,
  refused: ReadonlySet<string>,
): Compiled {
  const modules = sources.map((s) => parseModule(s.file, s.text, opts.regoVersion ?? 'v1'));
  for (const m of modules) attachAnnotations(m);
  for (const m of modules) checkUnusedVars(m, opts.strictCompile === true);
  const ruleSets = new Map<string, RuleSet>();
  const ruleNames = new Map<string, Set<string>>();
  const functionArity = new Map<string, number>();
  for (const m of modules) {
    const names = ruleNames.get(m.packagePath.join('.')) ?? new Set<string>();
    ruleNames.set(m.packagePath.join('.'), names);
    for (const r of m.rules) {
      classify(r, m);
      names.add(r.path![m.packagePath.length]!);
      const key = r.path!.join('.');
      let set = ruleSets.get(key);
      if (!set) {
        set = { path: r.path!, kind: r.kind!, rules: [] };
        ruleSets.set(key, set);
      }
      if (set.kind !== r.kind) {
        throw new RegoCompileError(`rule ${key} conflicts with the following rule: ${set.kind} and ${r.kind} definitions`, r.loc);
      }
      if (r.kind === 'function') {
        const arity = r.head.args!.length;
        if (set.arity !== undefined && set.arity !== arity) {
          throw new RegoCompileError(`function ${key} has definitions with different numbers of arguments`, r.loc);
        }
        set.arity = arity;
        functionArity.set(key, arity);
      }
      if (r.isDefault && r.kind === 'object') {
        checkDefaultValue(r);
        set.keyDefaults ??= [];
        const keys = r.dynamicKeys!;
        const same = set.keyDefaults.find((d) => d.dynamicKeys!.length === keys.length && d.dynamicKeys!.every((t, i) => sameScalar(t, keys[i]!)));
        if (same) throw new RegoCompileError(`multiple default rules ${key} found`, r.loc);
        set.keyDefaults.push(r);
      } else if (r.isDefault) {
        if (set.defaultRule) throw new RegoCompileError(`multiple default rules ${key} found`, r.loc);
        checkDefaultValue(r);
        set.defaultRule = r;
      } else set.rules.push(r);
    }
  }
  const builtinArityFn = builtinArity;
  const tables: ResolveTables = { ruleNames, functions: functionArity, builtinArity: builtinArityFn, refused, strict: opts.strictCompile === true };
  const safety = new Safety((t) => {
    if (t.type !== 'call' || !t.target) return undefined;
    if (t.target.kind === 'function') return functionArity.get(t.target.path.join('.'));
    const a = builtinArityFn(t.target.name);
    return a === undefined || a < 0 ? undefined : a;
  });
  for (const m of modules) {
    const resolver = new Resolver(m, tables);
    for (const r of m.rules) {
      resolver.resolveRule(r);
      checkRuleSafety(r, safety);
    }
    if (opts.strictCompile) checkUnusedImports(m, resolver.usedAliases);
  }
  const tree: TreeNode = { children: new Map() };
  for (const set of ruleSets.values()) {
    let node = tree;
    for (const p of set.path) {
      let child = node.children.get(p);
      if (!child) {
        child = { children: new Map() };
        node.children.set(p, child);
      }
      node = child;
    }
    node.ruleSet = set;
  }
  checkPrefixConflicts(tree);
  checkRecursion(ruleSets, tree);
  // Packages without rules still exist as (empty) documents.
  for (const m of modules) {
    let node = tree;
    for (const p of m.packagePath) {
      let child = node.children.get(p);
      if (!child) {
        child = { children: new Map() };
        node.children.set(p, child);
      }
      if (child.ruleSet) break;
      node = child;
    }
  }
  return { modules, tree, ruleSets, functionArity, tables, safety };
}

function classify(r: Rule, m: Module): void {
  r.module = m;
  const ref = r.head.ref;
  const first = ref[0]!;
  if (first.type !== 'var') throw new RegoCompileError('rule head must start with a name', r.loc);
  const statics = [first.name];
  let i = 1;
  for (; i < ref.length; i++) {
    const t = ref[i]!;
    if (t.type === 'scalar' && typeof t.value === 'string') statics.push(t.value);
    else break;
  }
  const dynamic = ref.slice(i);
  r.path = [...m.packagePath, ...statics];
  r.dynamicKeys = dynamic;
  if (r.head.args) {
    if (dynamic.length > 0) throw new RegoCompileError('function names must be plain references', r.loc);
    r.kind = 'function';
  } else if (r.head.key) r.kind = 'set';
  else if (dynamic.length > 0) {
    // A default may name constant keys (`default p[true] := 1`), as in OPA, but not variables.
    if (r.isDefault && dynamic.some((t) => t.type !== 'scalar')) {
      throw new RegoCompileError('default rules must not have variables in their head reference', r.loc);
    }
    r.kind = 'object';
  } else r.kind = 'complete';
  if (r.kind === 'set' && dynamic.length > 0 && m.regoVersion === 'v0' && !r.head.key) r.kind = 'set';
}

function sameScalar(a: Term, b: Term): boolean {
  return a.type === 'scalar' && b.type === 'scalar' && a.value === b.value;
}

function checkDefaultValue(r: Rule): void {
  const v = r.head.value;
  if (!v) throw new RegoCompileError('default rule must have a value', r.loc);
  const bad = (t: Term): string | undefined => {
    switch (t.type) {
      case 'scalar':
      case 'value':
        return undefined;
      case 'var':
        return 'var';
      case 'ref':
        return 'ref';
      case 'call':
        return 'call';
      case 'array':
      case 'set':
        return t.items.map(bad).find((x) => x);
      case 'object':
        return t.items.map(([k, x]) => bad(k) ?? bad(x)).find((x) => x);
      default:
        return undefined;
    }
  };
  const b = bad(v);
  if (b) throw new RegoCompileError(`invalid \`${b}\` in default value`, v.loc);
  if (r.head.args) {
    for (const a of r.head.args) if (a.type !== 'var') throw new RegoCompileError('default function arguments must be variables', a.loc);
  }
}

/** A complete rule cannot also be the prefix of another rule (its value would be replaced). */
function checkPrefixConflicts(node: TreeNode): void {
  const set = node.ruleSet;
  if (set && set.kind !== 'object' && set.kind !== 'set' && node.children.size > 0) {
    const [child] = node.children.keys();
    throw new RegoCompileError(
      `rule ${set.path.join('.')} conflicts with the following rule: ${set.path.join('.')}.${child}`,
      set.rules[0]?.loc ?? set.defaultRule?.loc,
    );
  }
  for (const c of node.children.values()) checkPrefixConflicts(c);
}

function checkRuleSafety(r: Rule, safety: Safety): void {
  const bound = new Set<string>();
  if (r.head.args) for (const a of r.head.args) collectPatternVars(a, bound);
  const scope = new Set(bound);
  const res = safety.reorder(r.body, bound, scope);
  r.body = res.body;
  const headScope = new Set(res.bound);
  checkHeadTerms(r, [r.head.key, r.head.value, ...(r.dynamicKeys ?? [])], res.bound, headScope, safety);
  for (const e of r.elses) {
    const er = safety.reorder(e.body, bound, scope);
    e.body = er.body;
    checkHeadTerms(r, [e.value], er.bound, new Set(er.bound), safety);
  }
}

function checkHeadTerms(r: Rule, terms: (Term | undefined)[], bound: Set<string>, scope: Set<string>, safety: Safety): void {
  for (const t of terms) {
    if (!t) continue;
    const vars = new Set<string>();
    collectVars(t, vars);
    const ins = new Set<string>();
    safety.inputs(t, scope, ins);
    for (const v of ins) {
      if (!bound.has(v)) throw new RegoCompileError(`var ${v} is unsafe`, t.loc, 'rego_unsafe_var_error');
    }
    safety.comprehensions(t, scope);
    void r;
  }
}
