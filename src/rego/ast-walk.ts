import type { Expr, Literal, Term } from './ast.js';

/** Applies `f` to every term directly inside `t` (not into comprehension bodies), returning a copy. */
export function mapTerm(t: Term, f: (t: Term) => Term): Term {
  switch (t.type) {
    case 'ref':
      return { ...t, head: f(t.head), path: t.path.map(f) };
    case 'array':
    case 'set':
      return { ...t, items: t.items.map(f) };
    case 'object':
      return { ...t, items: t.items.map(([k, v]) => [f(k), f(v)] as [Term, Term]) };
    case 'call':
      return { ...t, args: t.args.map(f) };
    default:
      return t;
  }
}

/** Calls `f` for each term (pre-order), not descending into comprehension bodies. */
export function visitTerm(t: Term, f: (t: Term) => void): void {
  f(t);
  switch (t.type) {
    case 'ref':
      visitTerm(t.head, f);
      for (const p of t.path) visitTerm(p, f);
      break;
    case 'array':
    case 'set':
      for (const i of t.items) visitTerm(i, f);
      break;
    case 'object':
      for (const [k, v] of t.items) {
        visitTerm(k, f);
        visitTerm(v, f);
      }
      break;
    case 'call':
      for (const a of t.args) visitTerm(a, f);
      break;
    default:
      break;
  }
}

export function exprTerms(e: Expr): Term[] {
  switch (e.type) {
    case 'term':
      return [e.term];
    case 'unify':
    case 'assign':
      return [e.left, e.right];
    case 'some':
      return [];
    case 'somein':
    case 'every':
      return e.key ? [e.key, e.value, e.collection] : [e.value, e.collection];
  }
}

/** Every variable name occurring in a term, including inside comprehensions (their locals too). */
export function allVarsDeep(t: Term, out: Set<string>): void {
  visitTerm(t, (x) => {
    if (x.type === 'var') out.add(x.name);
    else if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp') {
      allVarsDeep(x.head, out);
      if (x.value) allVarsDeep(x.value, out);
      for (const l of x.body) literalVarsDeep(l, out);
    }
  });
}

export function literalVarsDeep(l: Literal, out: Set<string>): void {
  for (const t of exprTerms(l.expr)) allVarsDeep(t, out);
  if (l.expr.type === 'some') for (const v of l.expr.vars) out.add(v.name);
  if (l.expr.type === 'every') for (const b of l.expr.body) literalVarsDeep(b, out);
  for (const w of l.with) allVarsDeep(w.value, out);
}
