import { describe, expect, it } from 'vitest';
import { compile, RegoError, type CompileOptions } from '../../src/rego/index.js';
import { thrown } from '../support/thrown.js';

function compileError(text: string, opts: CompileOptions = {}): RegoError {
  return thrown(() => compile([{ file: 's.rego', text }], opts), RegoError);
}

function compiles(text: string, opts: CompileOptions = {}): boolean {
  compile([{ file: 's.rego', text }], opts);
  return true;
}

describe('strict compile mode (strictCompile)', () => {
  it('rejects a local assignment that is never read, naming the variable and the expression', () => {
    const text = 'package p\nallow if {\n  x := 1\n  true\n}';
    expect(compiles(text)).toBe(true);
    // `strict` alone is the default for builtin errors at evaluation, not the compiler's strict mode.
    expect(compiles(text, { strict: true })).toBe(true);
    const e = compileError(text, { strictCompile: true });
    expect(e.code).toBe('rego_compile_error');
    expect(e.message).toBe('s.rego:3:3: rego_compile_error: assigned var x unused');
    expect(compileError('package p\np if { [x, y] := [1, 2]; x == 1 }', { strictCompile: true }).message).toContain('assigned var y unused');
    expect(compileError('package p\np := [y | x := 1; y := 2]', { strictCompile: true }).message).toContain('assigned var x unused');
    expect(compileError('package p\np if { every x in [1] { y := x } }', { strictCompile: true }).message).toContain('assigned var y unused');
  });

  it('counts reads in the rule head, else values, nested comprehensions and every bodies as uses', () => {
    const strict = { strictCompile: true };
    expect(compiles('package p\np := x if { x := 1 }', strict)).toBe(true);
    expect(compiles('package p\nq contains y if { y := 1 }\nr[k] := 1 if { k := "a" }', strict)).toBe(true);
    expect(compiles('package p\np := 1 if { false } else := x if { x := 2 }', strict)).toBe(true);
    expect(compiles('package p\np if { x := 1; count([y | some y in [1]; y == x]) == 1 }', strict)).toBe(true);
    expect(compiles('package p\np if { x := 1; every y in [1] { y == x } }', strict)).toBe(true);
    expect(compiles('package p\np if { _ := 1 }', strict)).toBe(true);
  });

  it('rejects unused function arguments unless they are wildcards', () => {
    const e = compileError('package p\nf(x, y) := y', { strictCompile: true });
    expect(e.message).toBe('s.rego:2:1: rego_compile_error: unused argument x. (hint: use _ (wildcard variable) instead)');
    expect(compiles('package p\nf(x, y) := y')).toBe(true);
    expect(compiles('package p\nf(_, y) := y\ng(x) := 1 if x > 0 else := 2', { strictCompile: true })).toBe(true);
  });

  it('rejects unused imports, keeping future and rego.v1 imports', () => {
    expect(compileError('package p\nimport data.lib\np := 1', { strictCompile: true }).message).toBe('s.rego:2:1: rego_compile_error: import data.lib unused');
    expect(compileError('package p\nimport input.user as u\np := 1', { strictCompile: true }).message).toContain('import input.user as u unused');
    expect(compiles('package p\nimport data.lib\np := 1')).toBe(true);
    expect(compiles('package p\nimport data.lib\nimport input.user as u\np := lib.x if u == "a"', { strictCompile: true })).toBe(true);
    expect(compiles('package p\nimport future.keywords.in\nimport future.keywords.if\np if 1 in [1]', { strictCompile: true, regoVersion: 'v0' })).toBe(true);
    expect(compiles('package p\nimport rego.v1\np := 1', { strictCompile: true, regoVersion: 'v0' })).toBe(true);
  });

  it('counts an import used as a function prefix as used', () => {
    const lib = 'package lib\nf(x) := x + 1';
    const mod = 'package p\nimport data.lib\np := lib.f(1)';
    const policy = compile(
      [
        { file: 'lib.rego', text: lib },
        { file: 'p.rego', text: mod },
      ],
      { strictCompile: true },
    );
    expect(policy.evalRef(['p', 'p'], {})).toBe(2);
  });

  it('applies Rego v1 checks to v0 modules: duplicate imports, reserved input/data, deprecated builtins', () => {
    const v0 = { regoVersion: 'v0' as const };
    const strictV0 = { regoVersion: 'v0' as const, strictCompile: true };
    expect(compiles('package p\np { any([true]) }', v0)).toBe(true);
    const dep = compileError('package p\np { any([true]) }', strictV0);
    expect(dep.code).toBe('rego_type_error');
    expect(dep.message).toContain('deprecated built-in function calls in expression: any');
    expect(compiles('package p\ninput { true }', v0)).toBe(true);
    expect(compileError('package p\ninput { true }', strictV0).message).toContain('input cannot be shadowed');
    expect(compileError('package p\np { data := 1; data == 1 }', strictV0).message).toContain('data cannot be shadowed');
    expect(compileError('package p\nimport data.a\nimport data.a\np { a }', strictV0).message).toContain('this import shadows previous import');
  });
});

describe('unused `some` declarations', () => {
  it('are compile errors in every mode, as in OPA', () => {
    expect(compileError('package p\np if { some x; true }').message).toBe('s.rego:2:8: rego_compile_error: declared var x unused');
    expect(compileError('package p\np { some x; true }', { regoVersion: 'v0' }).message).toContain('declared var x unused');
    expect(compiles('package p\np contains x if { some x; x := 1 }')).toBe(true);
    expect(compiles('package p\np if { some x; [x | x := 1][0] == 1 }')).toBe(true);
  });
});
