import type { Literal, Term } from './ast.js';
import { collectVars } from './compile-safety.js';

/**
 * Hash joins for `some x in <document>` followed (anywhere later in the body) by an equality
 * `x.a.b == t` where `t` is already bound when the `some` runs. The `some` then visits only the
 * elements whose `a.b` equals `t`, from a map built once per evaluation; the equality stays in the
 * body, so the result is the same as a full scan, without the scan. A naive nested join over two
 * collections becomes linear instead of quadratic.
 */
export function planJoins(body: Literal[], boundBefore: Set<string>[]): void {
  body.forEach((lit, i) => {
    delete lit.join;
    const e = lit.expr;
    if (lit.negated || lit.with.length > 0 || e.type !== 'somein' || e.value.type !== 'var') return;
    if (!isDocumentRef(e.collection)) return;
    const x = e.value.name;
    for (let j = i + 1; j < body.length; j++) {
      const other = body[j]!;
      if (other.negated || other.with.length > 0) continue;
      const sides = equalitySides(other);
      if (!sides) continue;
      for (const [probeSide, keySide] of [sides, [sides[1], sides[0]] as [Term, Term]]) {
        const path = elementPath(keySide, x);
        if (!path) continue;
        const vars = new Set<string>();
        collectVars(probeSide, vars);
        if (vars.has(x) || ![...vars].every((v) => boundBefore[i]!.has(v))) continue;
        if (!isSimpleProbe(probeSide)) continue;
        lit.join = { path, probe: probeSide };
        return;
      }
    }
  });
}

function equalitySides(l: Literal): [Term, Term] | undefined {
  const e = l.expr;
  if (e.type === 'unify') return [e.left, e.right];
  if (e.type === 'term' && e.term.type === 'call' && e.term.target?.kind === 'builtin' && e.term.target.name === 'equal') {
    return [e.term.args[0]!, e.term.args[1]!];
  }
  return undefined;
}

/** `x.a.b` with constant string keys → ['a', 'b']. */
function elementPath(t: Term, x: string): string[] | undefined {
  if (t.type !== 'ref' || t.head.type !== 'var' || t.head.name !== x || t.path.length === 0) return undefined;
  const out: string[] = [];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    out.push(p.value);
  }
  return out;
}

/** `input.a.b` or `data.a.b`: the same document for the whole evaluation. */
function isDocumentRef(t: Term): boolean {
  return (
    t.type === 'ref' &&
    t.head.type === 'var' &&
    (t.head.name === 'input' || t.head.name === 'data') &&
    t.path.every((p) => p.type === 'scalar' && typeof p.value === 'string')
  );
}

/** Probes that yield at most one value: vars, scalars, and refs with constant keys. */
function isSimpleProbe(t: Term): boolean {
  if (t.type === 'var' || t.type === 'scalar' || t.type === 'value') return true;
  return t.type === 'ref' && t.head.type === 'var' && t.path.every((p) => p.type === 'scalar' || p.type === 'var');
}
