/**
 * OPA's strict-mode checks on parsed modules: unused local assignments (`x := ...` never read),
 * unused function arguments and unused imports are compile errors. A variable declared with
 * `some x` and never used is a compile error in every mode, as in OPA.
 */
import type { Literal, Module, Rule, Term } from './ast.js';
import { exprTerms, visitTerm } from './ast-walk.js';
import { importPath } from './compile-resolve.js';
import { RegoCompileError } from './errors.js';

type Counts = Map<string, number>;

function bump(counts: Counts, name: string): void {
  counts.set(name, (counts.get(name) ?? 0) + 1);
}

/** Counts every variable occurrence in a term, comprehension bodies included. */
function countTerm(t: Term, counts: Counts): void {
  visitTerm(t, (x) => {
    if (x.type === 'var') bump(counts, x.name);
    else if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp') {
      countTerm(x.head, counts);
      if (x.value) countTerm(x.value, counts);
      for (const l of x.body) countLiteral(l, counts);
    }
  });
}

function countLiteral(l: Literal, counts: Counts): void {
  for (const t of exprTerms(l.expr)) countTerm(t, counts);
  if (l.expr.type === 'some') for (const v of l.expr.vars) bump(counts, v.name);
  if (l.expr.type === 'every') for (const b of l.expr.body) countLiteral(b, counts);
  for (const w of l.with) countTerm(w.value, counts);
}

function patternVars(t: Term, out: string[]): void {
  if (t.type === 'var') {
    if (t.name !== '_') out.push(t.name);
  } else if (t.type === 'array' || t.type === 'set') for (const i of t.items) patternVars(i, out);
  else if (t.type === 'object') for (const [, v] of t.items) patternVars(v, out);
}

/**
 * Checks one body: `some x` without another occurrence of x (always), and with `strict`, `x := ...`
 * without one. `outside` holds the occurrences in the terms around the body (rule head, comprehension
 * head); nested bodies (comprehensions, `every`) are checked in turn.
 */
function checkBody(body: Literal[], outside: Term[], strict: boolean): void {
  const counts: Counts = new Map();
  for (const l of body) countLiteral(l, counts);
  for (const t of outside) countTerm(t, counts);
  for (const l of body) {
    const e = l.expr;
    if (e.type === 'some') {
      for (const v of e.vars) if ((counts.get(v.name) ?? 0) <= 1) throw new RegoCompileError(`declared var ${v.name} unused`, l.loc);
    } else if (strict && e.type === 'assign') {
      const vars: string[] = [];
      patternVars(e.left, vars);
      for (const v of vars) if ((counts.get(v) ?? 0) <= 1) throw new RegoCompileError(`assigned var ${v} unused`, l.loc);
    }
  }
  for (const l of body) {
    for (const t of exprTerms(l.expr)) checkNested(t, strict);
    for (const w of l.with) checkNested(w.value, strict);
    if (l.expr.type === 'every') checkBody(l.expr.body, [], strict);
  }
}

function checkNested(t: Term, strict: boolean): void {
  visitTerm(t, (x) => {
    if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp') {
      checkBody(x.body, x.value ? [x.head, x.value] : [x.head], strict);
    }
  });
}

function headTerms(r: Rule): Term[] {
  const out: Term[] = [...r.head.ref.slice(1)];
  if (r.head.key) out.push(r.head.key);
  if (r.head.value) out.push(r.head.value);
  if (r.head.args) out.push(...r.head.args);
  return out;
}

/** Unused `some` variables in every mode; with `strict`, unused assignments and function arguments. */
export function checkUnusedVars(m: Module, strict: boolean): void {
  for (const r of m.rules) {
    // Else branches share the head's arguments; their values count as uses of body variables.
    checkBody(r.body, headTerms(r), strict);
    for (const e of r.elses) checkBody(e.body, e.value ? [...headTerms(r), e.value] : headTerms(r), strict);
    for (const t of headTerms(r)) checkNested(t, strict);
    if (!strict || !r.head.args) continue;
    const counts: Counts = new Map();
    for (const t of headTerms(r)) countTerm(t, counts);
    for (const l of r.body) countLiteral(l, counts);
    for (const e of r.elses) {
      if (e.value) countTerm(e.value, counts);
      for (const l of e.body) countLiteral(l, counts);
    }
    const args: string[] = [];
    for (const a of r.head.args) patternVars(a, args);
    for (const a of args) {
      if ((counts.get(a) ?? 0) <= 1) throw new RegoCompileError(`unused argument ${a}. (hint: use _ (wildcard variable) instead)`, r.loc);
    }
  }
}

/** With `strict`: an import no rule reads is a compile error (`future.*` and `rego.v1` excepted). */
export function checkUnusedImports(m: Module, usedAliases: ReadonlySet<string>): void {
  for (const imp of m.imports) {
    const path = importPath(imp.path);
    if (path[0] === 'future' || path[0] === 'rego' || (path.length === 1 && !imp.alias)) continue;
    const alias = imp.alias ?? path[path.length - 1]!;
    if (!usedAliases.has(alias)) {
      throw new RegoCompileError(`import ${path.join('.')}${imp.alias ? ` as ${imp.alias}` : ''} unused`, imp.loc);
    }
  }
}
