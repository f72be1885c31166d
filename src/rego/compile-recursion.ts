import type { Literal, Rule, Term } from './ast.js';
import { exprTerms, visitTerm } from './ast-walk.js';
import type { RuleSet, TreeNode } from './compile.js';
import { RegoCompileError } from './errors.js';

/**
 * Rejects rules that depend on themselves (directly or through other rules and functions), as
 * OPA's compiler does: `rego_recursion_error` at the first rule of the cycle.
 */
export function checkRecursion(ruleSets: Map<string, RuleSet>, tree: TreeNode): void {
  const deps = new Map<string, Set<string>>();
  for (const [key, set] of ruleSets) {
    const out = new Set<string>();
    const all = set.defaultRule ? [...set.rules, set.defaultRule] : set.rules;
    for (const r of all) for (const t of ruleTerms(r)) collectDeps(t, tree, out);
    deps.set(key, out);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): void => {
    const s = state.get(key);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      const set = ruleSets.get(key)!;
      throw new RegoCompileError(
        `rule data.${key} is recursive: ${cycle.map((k) => 'data.' + k).join(' -> ')}`,
        set.rules[0]?.loc ?? set.defaultRule?.loc,
        'rego_recursion_error',
      );
    }
    state.set(key, 'visiting');
    stack.push(key);
    for (const d of deps.get(key) ?? []) visit(d);
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of ruleSets.keys()) visit(key);
}

function ruleTerms(r: Rule): Term[] {
  const out: Term[] = [];
  const body = (lits: Literal[]): void => {
    for (const l of lits) {
      out.push(...exprTerms(l.expr));
      for (const w of l.with) out.push(w.value);
      if (l.expr.type === 'every') body(l.expr.body);
    }
  };
  body(r.body);
  for (const e of r.elses) {
    body(e.body);
    if (e.value) out.push(e.value);
  }
  for (const t of [r.head.key, r.head.value, ...(r.dynamicKeys ?? []), ...(r.head.args ?? [])]) if (t) out.push(t);
  return out;
}

/** Rule sets a term may read: data refs (by their constant prefix) and calls of user functions. */
function collectDeps(t: Term, tree: TreeNode, out: Set<string>): void {
  visitTerm(t, (x) => {
    if (x.type === 'call' && x.target?.kind === 'function') out.add(x.target.path.join('.'));
    if (x.type === 'ref' && x.head.type === 'var' && x.head.name === 'data') {
      let node: TreeNode | undefined = tree;
      for (const p of x.path) {
        if (!node || node.ruleSet) break;
        if (p.type === 'scalar' && typeof p.value === 'string') node = node.children.get(p.value);
        else if (p.type === 'scalar') node = undefined; // no rule is named by a number, boolean or null
        else {
          // A variable key: every rule below this point may be read.
          addAll(node, out);
          node = undefined;
        }
      }
      if (node) addAll(node, out);
    }
    if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp') {
      collectDeps(x.head, tree, out);
      if (x.value) collectDeps(x.value, tree, out);
      for (const l of x.body) {
        for (const y of exprTerms(l.expr)) collectDeps(y, tree, out);
        for (const w of l.with) collectDeps(w.value, tree, out);
      }
    }
  });
}

function addAll(node: TreeNode, out: Set<string>): void {
  if (node.ruleSet) {
    out.add(node.ruleSet.path.join('.'));
    return;
  }
  for (const c of node.children.values()) addAll(c, out);
}
