import { describe, expect, it } from 'vitest';
import { parseModule, parseQuery } from '../../src/rego/parser.js';
import { RegoParseError } from '../../src/rego/errors.js';
import { thrown } from '../support/thrown.js';

function parseError(text: string, version: 'v0' | 'v1' = 'v1'): RegoParseError {
  return thrown(() => parseModule('p.rego', text, version), RegoParseError);
}

describe('parseModule', () => {
  it('parses package, imports and rule kinds', () => {
    const m = parseModule(
      'p.rego',
      'package a.b\nimport data.lib as l\nimport input.x\n\ndeny contains msg if { msg := "x" }\nallow := true\nf(x) := y if y := x + 1\nobj[k] := 1 if k := "a"\ndefault d := 0\n',
    );
    expect(m.packagePath).toEqual(['a', 'b']);
    expect(m.imports.map((i) => i.alias)).toEqual(['l', undefined]);
    expect(m.rules.map((r) => [r.head.key ? 'contains' : r.head.args ? 'fn' : 'value', r.isDefault])).toEqual([
      ['contains', false],
      ['value', false],
      ['fn', false],
      ['value', false],
      ['value', true],
    ]);
  });

  it('respects operator precedence (in < == < | < & < + < *)', () => {
    const [lit] = parseQuery('x := 1 + 2 * 3 == 7');
    const e = lit!.expr;
    expect(e.type).toBe('assign');
    if (e.type !== 'assign' || e.right.type !== 'call') throw new Error('shape');
    expect(e.right.name).toEqual(['equal']);
    const plus = e.right.args[0]!;
    expect(plus.type === 'call' && plus.name).toEqual(['plus']);
  });

  it('separates expressions by newlines but not inside brackets', () => {
    expect(parseQuery('x := [1,\n 2]\ny := 3')).toHaveLength(2);
    expect(parseQuery('x := 1; y := 2')).toHaveLength(2);
  });

  it('parses comprehensions, sets, objects and `some ... in`', () => {
    const lits = parseQuery('a := [x | some x in [1, 2]]; b := {k: v | some k, v in {"a": 1}}; c := {1, 2}; d := set()');
    const kinds = lits.map((l) => (l.expr.type === 'assign' ? l.expr.right.type : l.expr.type));
    expect(kinds).toEqual(['arraycomp', 'objectcomp', 'set', 'set']);
  });

  it('requires `if` before a rule body in v1 and accepts it without in v0', () => {
    const e = parseError('package a\np { true }');
    expect(e.message).toContain('`if` keyword is required');
    expect(e.location).toEqual({ file: 'p.rego', row: 2, col: 3 });
    const m = parseModule('p.rego', 'package a\np { true }\nq[x] { x := 1 }', 'v0');
    expect(m.rules[1]!.head.key?.type).toBe('var');
  });

  it('treats `import rego.v1` in v0 mode as v1 semantics', () => {
    const e = parseError('package a\nimport rego.v1\np { true }', 'v0');
    expect(e.message).toContain('`if` keyword is required');
  });

  it('names what was expected and where', () => {
    const e = parseError('package a\n\np := [1, 2');
    expect(e.code).toBe('rego_parse_error');
    expect(e.location?.row).toBe(3);
    expect(e.message).toMatch(/p\.rego:3:\d+: rego_parse_error: unexpected end of file: expecting `,` or `]`/);
    expect(parseError('p := 1').message).toContain('expecting `package`');
    const open = parseError('package a\np if {\n  x := 1\n');
    expect(open.message).toContain('unexpected end of file: expecting `}`');
    expect(open.location).toEqual({ file: 'p.rego', row: 4, col: 1 });
  });

  it('reads `contains` outside a rule head as the builtin call, in v1 and in v0 with the future keyword', () => {
    const bodies = [
      'f if {\n\tcontains("ab", "a")\n}',
      'f if {\n\tnot contains("ab", "a")\n}',
      'f if {\n\tx := contains("ab", "a")\n}',
      'f if {\n\ttrue == contains("ab", "a")\n}',
      'f if contains("ab", "a")',
      'f := contains("ab", "a")',
    ];
    for (const body of bodies) {
      const m = parseModule('p.rego', `package a\nimport rego.v1\n${body}`);
      const rule = m.rules[0]!;
      expect(rule.head.key, body).toBeUndefined();
      const lit = rule.body[0];
      const e = lit?.expr;
      const callTerm =
        e === undefined
          ? rule.head.value
          : e.type === 'term'
            ? e.term
            : e.type === 'assign'
              ? e.right
              : e.type === 'unify'
                ? e.right
                : undefined;
      const found = callTerm?.type === 'call' && callTerm.name[0] === 'equal' ? callTerm.args[1] : callTerm;
      expect(found?.type === 'call' && found.name, body).toEqual(['contains']);
    }
    expect(parseModule('p.rego', 'package a\nf if {\n\tnot contains("ab", "a")\n}').rules[0]!.body[0]!.negated).toBe(true);
    const v0 = parseModule('p.rego', 'package a\nimport future.keywords.contains\ns contains 1 { true }\nf { contains("ab", "a") }', 'v0');
    expect(v0.rules[0]!.head.key).toBeDefined();
    const lit = v0.rules[1]!.body[0]!.expr;
    expect(lit.type === 'term' && lit.term.type === 'call' && lit.term.name).toEqual(['contains']);
    const q = parseQuery('contains("ab", "a")')[0]!.expr;
    expect(q.type === 'term' && q.term.type === 'call' && q.term.name).toEqual(['contains']);
  });

  it('keeps `contains` a keyword in rule heads', () => {
    const m = parseModule('p.rego', 'package a\ns contains x if { x := 1 }\na.b contains "k" if contains("ab", "a")');
    expect(m.rules.map((r) => r.head.key?.type)).toEqual(['var', 'scalar']);
    expect(m.rules[1]!.body[0]!.expr.type).toBe('term');
  });

  it('rejects `in`, `if` and `every` as function names, and keywords as `some` variables, as OPA does', () => {
    expect(parseError('package a\nf if in(1, [1])').message).toContain('unexpected keyword `in`: expecting a term');
    expect(parseError('package a\nf if if(1)').message).toContain('unexpected keyword `if`: expecting a term');
    expect(parseError('package a\nf if { x := every(1, [1]) }').code).toBe('rego_parse_error');
    expect(parseError('package a\nf if { some contains; contains = 1 }').message).toContain('expecting variables after `some`');
    const member = parseModule('p.rego', 'package a\nf if internal.member_2(1, [1])').rules[0]!.body[0]!.expr;
    expect(member.type === 'term' && member.term.type === 'call' && member.term.name).toEqual(['internal', 'member_2']);
  });

  it('keeps the source text of query expressions', () => {
    expect(parseQuery('x := 1;  y == 2').map((l) => l.text)).toEqual(['x := 1', 'y == 2']);
  });
});

describe('OPA syntax forms', () => {
  it('allows whitespace between a rule name and its first `(` or `[`, as OPA does', () => {
    const m = parseModule('p.rego', 'package a\nsum (a, b) := c if { c := a + b }\nq ["k"] := 1', 'v1');
    expect(m.rules[0]!.head.args).toHaveLength(2);
    expect(m.rules[1]!.head.ref).toHaveLength(2);
  });

  it('reads `k, v in xs` on the right of `:=` and `=`', () => {
    for (const q of ['b := 0, 2 in [5, 6]', 'b = 0, 2 in [5, 6]']) {
      const [lit] = parseQuery(q);
      const e = lit!.expr;
      if (e.type !== 'assign' && e.type !== 'unify') throw new Error('shape');
      expect(e.right.type === 'call' && e.right.name).toEqual(['internal', 'member_3']);
    }
  });
});
