import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regoEval } from '../../../src/cli/commands/rego.js';
import { RegoEvalError, RegoParseError } from '../../../src/rego/index.js';
import { runCli } from '../run-cli.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rego-eval-'));
  writeFileSync(join(dir, 'ex.rego'), 'package ex\nimport rego.v1\nallow if input.user == "alice"\nusers contains u if some u in data.people.names\n');
  mkdirSync(join(dir, 'people'));
  writeFileSync(join(dir, 'people', 'data.json'), '{"names": ["bob", "carol"]}');
  writeFileSync(join(dir, 'input.yaml'), 'user: alice\n');
  return dir;
}

describe('rego eval', () => {
  it('prints the opa eval JSON shape, with data files under their folder path', () => {
    const dir = workspace();
    const out = JSON.parse(regoEval('data.ex', { data: [dir], input: join(dir, 'input.yaml'), format: 'json' }));
    expect(out).toEqual({
      result: [{ expressions: [{ value: { allow: true, users: ['bob', 'carol'] }, text: 'data.ex', location: { row: 1, col: 1 } }] }],
    });
  });

  it('prints bindings, raw values, and {} when undefined', () => {
    const dir = workspace();
    const out = JSON.parse(regoEval('x := data.ex.users[_]', { data: [dir], format: 'json' }));
    expect(out.result.map((r: { bindings: unknown }) => r.bindings)).toEqual([{ x: 'bob' }, { x: 'carol' }]);
    expect(regoEval('data.ex.users[_]', { data: [dir], format: 'raw' })).toBe('bob\ncarol\n');
    expect(regoEval('data.ex.allow', { data: [dir], format: 'json' })).toBe('{}\n');
  });

  it('fails with a located parse error', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'bad.rego'), 'package bad\np := [1,\n');
    expect(() => regoEval('data', { data: [dir], format: 'json' })).toThrowError(RegoParseError);
    expect(() => regoEval('data', { data: [dir], format: 'json' })).toThrow(/bad\.rego:3:1: rego_parse_error/);
  });

  it('reads v0 modules with --v0-compatible', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rego-eval-'));
    writeFileSync(join(dir, 'old.rego'), 'package old\np[x] { x := 1 }\n');
    expect(() => regoEval('data.old', { data: [dir], format: 'json' })).toThrow(/rego_parse_error: `contains` keyword is required/);
    expect(JSON.parse(regoEval('data.old.p', { data: [dir], format: 'json', v0Compatible: true })).result[0].expressions[0].value).toEqual([1]);
  });

  it('stops at --timeout with eval_cancel_error, and refuses a timeout that is not a positive number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rego-eval-'));
    writeFileSync(join(dir, 'slow.rego'), 'package slow\nn := count([x | some x in numbers.range(1, 2000000)])\n');
    expect(() => regoEval('data.slow.n', { data: [dir], format: 'json', timeout: 0.001 })).toThrowError(RegoEvalError);
    expect(() => regoEval('data.slow.n', { data: [dir], format: 'json', timeout: 0.001 })).toThrow(/eval_cancel_error/);
    const run = runCli(['rego', 'eval', '-d', dir, '--timeout', 'soon', 'data.slow.n']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected a number of seconds greater than 0, got "soon"');
  });

  it('--strict compiles as opa does with --strict; --strict-builtin-errors makes builtin errors halt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rego-eval-'));
    writeFileSync(join(dir, 'loose.rego'), 'package loose\nf(x, y) := y\nv := f(1, 2)\nq := 1 / 0\n');
    expect(regoEval('data.loose.v', { data: [dir], format: 'raw' })).toBe('2\n');
    expect(() => regoEval('data.loose.v', { data: [dir], format: 'raw', strict: true })).toThrow(/unused argument x/);
    expect(regoEval('data.loose.q', { data: [dir], format: 'json' })).toBe('{}\n');
    expect(() => regoEval('data.loose.q', { data: [dir], format: 'json', strictBuiltinErrors: true })).toThrow(/eval_builtin_error: div: divide by zero/);
  });

  it('reports the value of a term query, null included', () => {
    expect(JSON.parse(regoEval('null', { data: [], format: 'json' })).result[0].expressions[0].value).toBeNull();
    expect(JSON.parse(regoEval('x := null', { data: [], format: 'json' })).result[0]).toEqual({
      expressions: [{ value: true, text: 'x := null', location: { row: 1, col: 1 } }],
      bindings: { x: null },
    });
  });

  it('names the file and line of a bad input document, refuses alias bombs, and exits 2 on the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rego-eval-'));
    writeFileSync(join(dir, 'bad.yaml'), 'user: alice\nroles: [admin\n');
    expect(() => regoEval('input', { data: [], input: join(dir, 'bad.yaml'), format: 'json' })).toThrow(/bad\.yaml:3:1: invalid YAML/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill('*' + 'abcdefg'[i]).join(', ')}]`)].join('\n');
    writeFileSync(join(dir, 'bomb.yaml'), bomb + '\n');
    expect(() => regoEval('input', { data: [], input: join(dir, 'bomb.yaml'), format: 'json' })).toThrow(/too many alias expansions/);
    const run = runCli(['rego', 'eval', '-i', join(dir, 'missing.json'), 'input']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`scv-guard: error: ${join(dir, 'missing.json')}: cannot read input file: no such file\n`);
  });

  it('reads --input, --data and policy files like every input: invalid UTF-8, duplicate keys, limits and wrong shapes are located errors (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rego-eval-'));
    const file = (name: string, bytes: string | Buffer) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const utf8 = file('utf8.json', Buffer.from('{"user":\n "\xff"}', 'latin1'));
    const duplicate = file('dup.json', '{"user": "alice",\n "user": "bob"}');
    const deep = file('deep.yaml', `a: ${'['.repeat(200)}${']'.repeat(200)}\n`);
    const array = file('array.json', '[1, 2]');
    const policy = file('p.rego', Buffer.from('package p\nx := "\xfe"\n', 'latin1'));
    const big = file('big.json', `{"a": "${'x'.repeat(2000)}"}`);
    const cases: [string[], string][] = [
      [['-i', utf8, 'input'], `${utf8}:2:3: invalid UTF-8 at byte offset 11 (bytes ff 22 7d): input files must be UTF-8`],
      [['-d', utf8, 'data'], `${utf8}:2:3: invalid UTF-8 at byte offset 11 (bytes ff 22 7d): input files must be UTF-8`],
      [['-i', duplicate, 'input'], `${duplicate}:2:2: $.user: duplicate key "user"`],
      [['-d', duplicate, 'data'], `${duplicate}:2:2: $.user: duplicate key "user"`],
      [['-d', array, 'data'], `${array}: a data file given directly must hold an object, found an array`],
      [['-d', policy, 'data.p.x'], `${policy}:2:7: invalid UTF-8 at byte offset 16 (bytes fe 22 0a): input files must be UTF-8`],
    ];
    for (const [args, message] of cases) {
      const run = runCli(['rego', 'eval', '--no-builtin', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`scv-guard: error: ${message}`);
    }
    const nested = runCli(['rego', 'eval', '--no-builtin', '-d', deep, 'data']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(new RegExp(`^scv-guard: error: ${deep.replace(/[.]/g, '\\.')}:1:\\d+: nested deeper than 128 levels \\(SCV_GUARD_MAX_DEPTH\\)\n$`));
    const limited = runCli(['rego', 'eval', '--no-builtin', '-i', big, 'input'], { env: { SCV_GUARD_MAX_FILE_BYTES: '1000' } });
    expect(limited.code).toBe(2);
    expect(limited.stderr).toMatch(/big\.json: file is .*, larger than the input limit of .* \(SCV_GUARD_MAX_FILE_BYTES\)/);
  });
});
