import type { ComprehensionIndex, ComprehensionTerm, Literal, Term } from './ast.js';
import { allVarsDeep, literalVarsDeep } from './ast-walk.js';
import type { Safety } from './compile-safety.js';

let keyCounter = 0;

/**
 * Comprehension indexing as OPA does it: when the body equates terms over outer variables with terms
 * over its own variables (`o.account == acct.id`), the comprehension is evaluated once with those
 * equalities turned into bindings of fresh key variables, and its results grouped by the keys. Each
 * later evaluation is then a map lookup by the current values of the outer terms.
 * Returns undefined when the body uses outer variables in any other way.
 */
export function indexComprehension(c: ComprehensionTerm, free: Set<string>, safety: Safety): ComprehensionIndex | undefined {
  const keys: Term[] = [];
  const keyVars: string[] = [];
  const body: Literal[] = [];
  for (const l of c.body) {
    if (l.with.length > 0) return undefined;
    const sides = equality(l);
    if (!sides || l.negated) {
      body.push({ ...l });
      continue;
    }
    const [a, b] = sides;
    const outerSide = onlyOuter(a, free) && noOuter(b, free) ? a : onlyOuter(b, free) && noOuter(a, free) ? b : undefined;
    if (!outerSide) {
      body.push({ ...l });
      continue;
    }
    const other = outerSide === a ? b : a;
    const name = `$k${++keyCounter}`;
    keys.push(outerSide);
    keyVars.push(name);
    body.push({ ...l, expr: { type: 'unify', left: { type: 'var', name, loc: outerSide.loc }, right: other, loc: l.loc } });
  }
  if (keys.length === 0) return undefined;
  const remaining = new Set<string>();
  for (const l of body) literalVarsDeep(l, remaining);
  allVarsDeep(c.head, remaining);
  if (c.value) allVarsDeep(c.value, remaining);
  for (const v of free) if (remaining.has(v)) return undefined;
  try {
    const r = safety.reorder(body, new Set(), new Set());
    for (const k of keyVars) if (!r.bound.has(k)) return undefined;
    return { keys, keyVars, body: r.body };
  } catch {
    return undefined;
  }
}

function equality(l: Literal): [Term, Term] | undefined {
  const e = l.expr;
  if (e.type === 'unify') return [e.left, e.right];
  if (e.type === 'term' && e.term.type === 'call' && e.term.target?.kind === 'builtin' && e.term.target.name === 'equal') {
    return [e.term.args[0]!, e.term.args[1]!];
  }
  return undefined;
}

/** A var or a ref with constant keys over outer variables only. */
function onlyOuter(t: Term, free: Set<string>): boolean {
  if (t.type === 'var') return free.has(t.name);
  if (t.type !== 'ref' || t.head.type !== 'var' || !free.has(t.head.name)) return false;
  return t.path.every((p) => p.type === 'scalar' || (p.type === 'var' && free.has(p.name)));
}

function noOuter(t: Term, free: Set<string>): boolean {
  const vs = new Set<string>();
  allVarsDeep(t, vs);
  for (const v of vs) if (free.has(v)) return false;
  return true;
}
