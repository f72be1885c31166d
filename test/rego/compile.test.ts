import { describe, expect, it } from 'vitest';
import type { ComprehensionTerm, Term } from '../../src/rego/ast.js';
import { compile, RegoCompileError } from '../../src/rego/index.js';
import { toJSON } from '../../src/rego/value.js';

function comprehensions(t: Term | undefined, out: ComprehensionTerm[] = []): ComprehensionTerm[] {
  if (!t) return out;
  if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') out.push(t);
  if (t.type === 'call') t.args.forEach((a) => comprehensions(a, out));
  return out;
}

describe('compiler', () => {
  it('indexes a comprehension that equates an outer term with one of its own', () => {
    const text = `package test
by_acct[a.id] := n if {
  some a in input.accounts
  n := count([o | some o in input.orgs; o.acct == a.id])
}`;
    const p = compile([{ file: 't.rego', text }]);
    const rule = p.modules[0]!.rules[0]!;
    const assign = rule.body.find((l) => l.expr.type === 'assign')!.expr;
    const comp = assign.type === 'assign' ? comprehensions(assign.right)[0] : undefined;
    expect(comp?.index?.keys).toHaveLength(1);
    const input = { accounts: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], orgs: [{ acct: 'a' }, { acct: 'a' }, { acct: 'b' }] };
    expect(toJSON(p.evalRef(['test', 'by_acct'], { input })!)).toEqual({ a: 2, b: 1, c: 0 });
  });

  it('does not index a comprehension that uses the outer variable otherwise', () => {
    const text = `package test
big[a] := xs if {
  some a in [1, 2]
  xs := [x | some x in [1, 2, 3]; x > a]
}`;
    const p = compile([{ file: 't.rego', text }]);
    const assign = p.modules[0]!.rules[0]!.body.find((l) => l.expr.type === 'assign')!.expr;
    const comp = assign.type === 'assign' ? comprehensions(assign.right)[0] : undefined;
    expect(comp?.index).toBeUndefined();
    expect(toJSON(p.evalRef(['test', 'big'])!)).toEqual({ '1': [2, 3], '2': [3] });
  });

  it('groups rules of one package across files and rejects kind conflicts', () => {
    const p = compile([
      { file: 'a.rego', text: 'package pkg\ns contains 1' },
      { file: 'b.rego', text: 'package pkg\ns contains 2' },
    ]);
    expect(toJSON(p.evalRef(['pkg', 's'])!)).toEqual([1, 2]);
    expect(() =>
      compile([
        { file: 'a.rego', text: 'package pkg\np := 1' },
        { file: 'b.rego', text: 'package pkg\np contains 1' },
      ]),
    ).toThrowError(RegoCompileError);
  });

  it('resolves imports with aliases', () => {
    const p = compile([
      { file: 'lib.rego', text: 'package lib.util\ndouble(x) := x * 2\nk := 3' },
      { file: 'use.rego', text: 'package use\nimport data.lib.util as u\nv := u.double(u.k)' },
    ]);
    expect(p.evalRef(['use', 'v'])).toBe(6);
  });

  it('rejects redeclared variables and shadowing of input in v1', () => {
    expect(() => compile([{ file: 'a', text: 'package t\np if { x := 1; x := 2 }' }])).toThrow(/var x assigned above/);
    expect(() => compile([{ file: 'a', text: 'package t\np if { input := 1 }' }])).toThrow(/input cannot be shadowed/);
  });

  it('stops with eval_cancel_error past the time budget', () => {
    const p = compile([{ file: 'a', text: 'package t\nn := count([x | some x in numbers.range(1, 2000000)])' }]);
    expect(() => p.evalRef(['t', 'n'], { timeoutMs: 1 })).toThrow(/execution exceeded time limit/);
  });
});

describe('recursion', () => {
  it('is a compile error naming the cycle, through rules and functions', () => {
    expect(() => compile([{ file: 'r.rego', text: 'package t\np if q\nq if f(1)\nf(x) := y if { p; y := x }' }])).toThrow(
      /rego_recursion_error: rule data\.t\.\w+ is recursive: data\.t\.\w+ -> .* -> data\.t\.\w+/,
    );
  });

  it('allows a rule to read other rules of its package by a variable key when none leads back', () => {
    const p = compile([{ file: 'r.rego', text: 'package t\na := 1\nb := 2\nall := [v | some k; v := data.u[k]]' }, { file: 'u.rego', text: 'package u\nx := 1' }]);
    expect(p.evalRef(['t', 'all'])).toEqual([1]);
  });
});
