import { describe, expect, it } from 'vitest';
import { compile, RegoError } from '../../src/rego/index.js';
import { RegoObject, toJSON } from '../../src/rego/value.js';
import { evalModule, queryJSON } from './helpers.js';
import { thrown } from '../support/thrown.js';

const ORGS = {
  orgs: [
    { id: 'o1', acct: 'a1', env: 'prod' },
    { id: 'o2', acct: 'a1', env: 'dev' },
    { id: 'o3', acct: 'a2', env: 'dev' },
  ],
};

function evalError(text: string, opts: { input?: unknown; strict?: boolean } = {}): RegoError {
  return thrown(() => evalModule(text, opts), RegoError);
}

describe('rules', () => {
  it('evaluates complete, partial set, partial object and default rules', () => {
    const out = evalModule(
      `package test
deny contains o.id if { some o in input.orgs; o.env == "dev" }
by_acct[o.acct] contains o.id if some o in input.orgs
default allow := false
allow if count(deny) == 0
n := count(input.orgs)`,
      { input: ORGS },
    );
    expect(out).toEqual({ allow: false, by_acct: { a1: ['o1', 'o2'], a2: ['o3'] }, deny: ['o2', 'o3'], n: 3 });
  });

  it('supports ref heads and merges them with sibling rules', () => {
    const out = evalModule(`package test
a.b.c := 1
a.b.d := 2
m[k] := v if some k, v in {"x": 1}
m["y"] := 2`);
    expect(out).toEqual({ a: { b: { c: 1, d: 2 } }, m: { x: 1, y: 2 } });
  });

  it('follows else chains and functions with several definitions', () => {
    const out = evalModule(`package test
grade(x) := "high" if x > 10
else := "mid" if x > 5
else := "low"
kind(x) := "num" if is_number(x)
kind(x) := "str" if is_string(x)
r := [grade(11), grade(6), grade(1), kind(1), kind("a")]`);
    expect(out).toEqual({ r: ['high', 'mid', 'low', 'num', 'str'] });
  });

  it('raises conflicts for complete rules, object keys and functions with two values', () => {
    expect(evalError('package test\np := 1\np := 2').code).toBe('eval_conflict_error');
    expect(evalError('package test\nm[k] := v if { some k in ["a"]; some v in [1, 2] }').code).toBe('eval_conflict_error');
    expect(evalError('package test\nf(x) := 1\nf(x) := 2\nr := f(1)').code).toBe('eval_conflict_error');
  });

  it('handles every, not, some and unification patterns', () => {
    const out = evalModule(`package test
all_pos if every x in [1, 2] { x > 0 }
none_neg if not any_neg
any_neg if { some x in [1, 2]; x < 0 }
pair := [a, b] if [a, b] = [1, 2]
first := x if [x, _] := ["p", "q"]`);
    expect(out).toEqual({ all_pos: true, none_neg: true, pair: [1, 2], first: 'p' });
  });

  it('replaces input, data and functions with `with`', () => {
    const out = evalModule(`package test
p := input.x
f(x) := x * 2
q := v if v := p with input.x as 7
r := v if v := f(2) with f as g
g(x) := x * 10
s := v if v := data.cfg.v with data.cfg.v as "over"
t := v if v := count([1]) with count as 42`);
    expect(out).toEqual({ q: 7, r: 20, s: 'over', t: 42 });
  });

  it('makes builtin errors undefined by default and errors in strict mode', () => {
    expect(evalModule('package test\np := 1 / 0\nq := 1')).toEqual({ q: 1 });
    expect(evalError('package test\np := 1 / 0', { strict: true }).code).toBe('eval_builtin_error');
  });

  it('detects recursion', () => {
    expect(evalError('package test\np if q\nq if p').code).toBe('rego_recursion_error');
  });

  it('mixes base data with virtual documents', () => {
    const p = compile([{ file: 'a.rego', text: 'package cfg\nextra := 2' }]);
    expect(queryJSON(['package cfg\nextra := 2'], 'data.cfg', { data: { cfg: { base: 1 } } })).toEqual([
      { expressions: [{ base: 1, extra: 2 }], bindings: {} },
    ]);
    expect(p.evalRef(['cfg', 'base'], { data: { cfg: { base: 1 } } })).toBe(1);
  });

  it('prints through the print option and exposes rego.metadata', () => {
    const lines: string[] = [];
    const out = evalModule(
      `package test
# METADATA
# title: The rule
# custom:
#   id: X-1
p := m if {
  print("hello", 1, {"a"})
  m := rego.metadata.rule()
}
c := [e.path | some e in chain]
chain := rego.metadata.chain()`,
      { print: (l) => lines.push(l) },
    );
    expect(lines).toEqual(['hello 1 {"a"}']);
    expect(out).toMatchObject({ p: { title: 'The rule', custom: { id: 'X-1' }, scope: 'rule' } });
  });

  it('iterates walk as a relation', () => {
    expect(evalModule('package test\npaths := [p | walk({"a": [1]}, [p, _])]')).toEqual({ paths: [[], ['a'], ['a', 0]] });
  });
});

describe('queries', () => {
  it('returns bindings and expression values like opa eval', () => {
    expect(queryJSON([], 'x := [1, 2][i]')).toEqual([
      { expressions: [true], bindings: { x: 1, i: 0 } },
      { expressions: [true], bindings: { x: 2, i: 1 } },
    ]);
    expect(queryJSON([], '1 == 2')).toEqual([{ expressions: [false], bindings: {} }]);
    expect(queryJSON([], '1 == 1; 1 == 2')).toEqual([]);
  });
});

describe('compile errors', () => {
  it('rejects unsafe variables with their location', () => {
    try {
      compile([{ file: 'u.rego', text: 'package test\np if { x == 1 }' }]);
      throw new Error('no error');
    } catch (e) {
      expect((e as RegoError).code).toBe('rego_unsafe_var_error');
      expect((e as RegoError).location).toEqual({ file: 'u.rego', row: 2, col: 8 });
    }
  });

  it('rejects unknown functions, wrong arity and network builtins', () => {
    expect(() => compile([{ file: 'a', text: 'package t\np := nope(1)' }])).toThrow(/undefined function nope/);
    expect(() => compile([{ file: 'a', text: 'package t\np := count(1, 2)' }])).toThrow(/expects 1 argument/);
    expect(() => compile([{ file: 'a', text: 'package t\np := http.send({})' }])).toThrow(/network builtins/);
  });

  it('reorders bodies so generators run before their uses', () => {
    expect(evalModule('package test\np := y if { y := x + 1; x := 2 }')).toEqual({ p: 3 });
  });
});

describe('the contains builtin beside the contains keyword', () => {
  it('evaluates `contains(...)` in bodies, negations, assignments, comparisons and one-literal bodies', () => {
    const out = evalModule(`package test
import rego.v1
body if {
	contains("ab", "a")
}
negated if {
	not contains("ab", "c")
}
negated_false if {
	not contains("ab", "a")
}
assigned := x if {
	x := contains("ab", "z")
}
compared if {
	true == contains("ab", "b")
}
one_literal if contains("ab", "a")
value := contains("abc", "bc")
names contains n if {
	some n in ["alice", "bob"]
	contains(n, "li")
}`);
    expect(out).toEqual({
      body: true,
      negated: true,
      assigned: false,
      compared: true,
      one_literal: true,
      value: true,
      names: ['alice'],
    });
  });

  it('evaluates `contains(...)` in v0 modules that import future.keywords.contains, and in queries', () => {
    const out = evalModule(
      `package test
import future.keywords.contains
s contains x { x := "a" }
f { contains("ab", "a") }`,
      { v0: true },
    );
    expect(out).toEqual({ s: ['a'], f: true });
    expect(queryJSON(['package test\nimport rego.v1\nf(x) if contains(x, "a")'], 'contains("ab", "b"); data.test.f("ab")')).toEqual([
      { expressions: [true, true], bindings: {} },
    ]);
  });

  it('evaluates the internal.member_2 form of `in`', () => {
    expect(evalModule('package test\nyes if internal.member_2(1, [1, 2])\nno if internal.member_2(3, [1, 2])')).toEqual({ yes: true });
  });
});

describe('v0-compatible mode', () => {
  it('reads the pre-1.0 syntax with OPA 0.x meanings', () => {
    const out = evalModule(
      `package test
import future.keywords.in
default allow = false
allow { input.user == "alice" }
names[n] { some o in input.orgs; n := o.id }
by_id[o.id] = o.env { o := input.orgs[_] }
tier = "prod" { input.user == "bob" } else = "dev" { true }
f(x) = y { y := x * 2 }
d := f(4)`,
      { v0: true, input: { user: 'alice', orgs: ORGS.orgs } },
    );
    expect(out).toEqual({ allow: true, names: ['o1', 'o2', 'o3'], by_id: { o1: 'prod', o2: 'dev', o3: 'dev' }, tier: 'dev', d: 8 });
  });
});

describe('large documents', () => {
  it('evaluates a constant array of 50,000 elements and iterates 200,000 input items without exhausting the stack', () => {
    const big = `[${Array.from({ length: 50000 }, (_, i) => i).join(', ')}]`;
    expect(evalModule(`package test\nn := count(${big})`)).toEqual({ n: 50000 });
    const items = Array.from({ length: 200000 }, (_, i) => ({ id: i, even: i % 2 === 0 }));
    expect(evalModule('package test\nevens := count([x | some x in input.items; x.even])', { input: { items } })).toEqual({ evens: 100000 });
  });
});

describe('OPA data and default semantics', () => {
  it('reads a number key of a `data` reference as its string form, but not one of a plain value', () => {
    const p = compile([{ file: 't.rego', text: 'package test\nviaData := [data[1], data[1.5], data.play[2]]\nviaVar := v if { q := data.play; v := q[2] }' }]);
    const out = p.evalRef(['test'], { data: { '1': 'one', '1.5': 'one and a half', play: { '2': 'two' } } });
    expect(out && toJSON(out)).toEqual({ viaData: ['one', 'one and a half', 'two'] });
  });

  it('accepts defaults of constant keys of a partial object, overridden by a rule defining the key', () => {
    const p = compile([
      {
        file: 't.rego',
        text: `package test
default complex[true] := "default true"
default complex[false] := "default false"
complex[k] := "defined" if k := false
complex.hello := "world"`,
      },
    ]);
    const v = p.evalRef(['test', 'complex'], {});
    if (!(v instanceof RegoObject)) throw new Error('expected an object');
    expect([v.get(true), v.get(false), v.get('hello'), v.size]).toEqual(['default true', 'defined', 'world', 3]);
  });

  it('refuses base data at a rule\'s path or a non-object above it, and merges objects, as OPA does', () => {
    const p = compile([{ file: 't.rego', text: 'package test\nrule1 := 6\nsub.deep := 1' }]);
    const codeOf = (data: unknown): string | undefined => {
      try {
        p.evalRef(['test'], { data });
        return undefined;
      } catch (e) {
        if (e instanceof RegoError) return `${e.code}: ${e.detail}`;
        throw e;
      }
    };
    expect(codeOf({ test: { rule1: 0 } })).toBe('rego_compile_error: conflicting rule for data path test/rule1 found');
    expect(codeOf({ test: { sub: 'scalar' } })).toBe('rego_compile_error: conflicting rule for data path test/sub/deep found');
    expect(codeOf({ test: { other: 1, sub: { more: 2 } } })).toBeUndefined();
    const merged = p.evalRef(['test'], { data: { test: { other: 1, sub: { more: 2 } } } });
    expect(merged && toJSON(merged)).toEqual({ other: 1, rule1: 6, sub: { deep: 1, more: 2 } });
  });

  it('still rejects a default whose head has a variable', () => {
    expect(() => evalModule('package test\ndefault p[x] := 1')).toThrow(/default rules must not have variables/);
  });
});
