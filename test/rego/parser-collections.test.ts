import { describe, expect, it } from 'vitest';
import { parseModule, parseQuery } from '../../src/rego/parser.js';
import { evalModule } from './helpers.js';

/** The term type on the right of `x := ...`. */
function rightType(query: string): string {
  const [lit] = parseQuery(query);
  if (lit?.expr.type !== 'assign') throw new Error('expected an assignment');
  return lit.expr.right.type;
}

describe('collections and comprehensions (OPA: a single first term followed by `|` starts a comprehension)', () => {
  it('reads `{1 | 1}`, `{(1) | 1}` and `[(a & b) | c]` as comprehensions', () => {
    expect(rightType('x := {1 | 1}')).toBe('setcomp');
    expect(rightType('x := {(1) | 1}')).toBe('setcomp');
    expect(rightType('x := [(a & b) | c]')).toBe('arraycomp');
    expect(rightType('x := {"k": v | v := 1}')).toBe('objectcomp');
    expect(rightType('x := {a + 1: b | a := 1; b := 2}')).toBe('objectcomp');
  });

  it('reads a first element that is an operator expression as a literal holding that expression', () => {
    expect(rightType('x := [a - b | c, d]')).toBe('array');
    expect(rightType('x := [a & b | c]')).toBe('array');
    expect(rightType('x := {({1} | {2})}')).toBe('set');
    expect(rightType('x := {"a": 5 + v}')).toBe('object');
  });

  it('evaluates the literal and comprehension readings as OPA does', () => {
    const out = evalModule(`package test
x := {1}
y := {2}
q := {4}
arr := [x - {10} | y, 5 in {5}]
union_first := [q & {1} | {true}]
comp := [(q & {1}) | {true}]
head_only := [1 | {3}]
set_of_union := {({1} | {2})}`);
    expect(out).toMatchObject({
      arr: [[1, 2], true],
      union_first: [[true]],
      comp: [[]],
      head_only: [1],
      set_of_union: [[1, 2]],
    });
  });

  it('reads `if { ... }` as one comprehension or object literal when it parses as one, as OPA does', () => {
    const out = evalModule(`package test
set_comp if { 1 | 1 }
obj_comp if { 1: 2 | some p in [1, 2] }
valued := 2 if { 1: 2 | some p in [1, 2] }
body if { 1 == 1 }
not_set_literal if { false }`);
    expect(out).toEqual({ set_comp: true, obj_comp: true, valued: 2, body: true });
  });

  it('reads `else ... if {` as a body, as OPA does (only a rule\'s own `if {` may be one literal)', () => {
    const m = parseModule('p.rego', 'package a\np := 1 if { 1 | 1 } else := 2 if { 1 | 1 }');
    const rule = m.rules[0]!;
    const first = rule.body[0]!.expr;
    const orElse = rule.elses[0]!.body[0]!.expr;
    expect(first.type === 'term' && first.term.type).toBe('setcomp');
    expect(orElse.type === 'term' && orElse.term.type === 'call' && orElse.term.name).toEqual(['or']);
  });

  it('parses deeply nested collections whose first element is an expression once per level', () => {
    // Re-reading each level's first element without the memo costs 2^depth (2^40 here).
    let sets = '1';
    let arrays = '1';
    for (let i = 0; i < 40; i++) {
      sets = `{${sets} + 1}`;
      arrays = `[${arrays} - 1]`;
    }
    expect(rightType(`x := ${sets}`)).toBe('set');
    expect(rightType(`x := ${arrays}`)).toBe('array');
  });
});
