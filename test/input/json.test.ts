/** The one JSON reader of inputs: located syntax errors, duplicate keys, limits, prototype keys. */
import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { parseEmbeddedJson, parseJson } from '../../src/input/json.js';
import { DEFAULT_INPUT_LIMITS, inputLimits } from '../../src/input/limits.js';
import { thrown } from '../support/thrown.js';

const small = { ...DEFAULT_INPUT_LIMITS, maxDepth: 8, maxStringLength: 16 };
const errorOf = (text: string, limits = small) => thrown(() => parseJson(text, 'in.json', { limits }), ScvGuardError);

describe('parseJson', () => {
  it('locates a syntax error by line and column', () => {
    const err = errorOf('{\n  "a": 1,\n  "b": ]\n}');
    expect(err.code).toBe('input-parse');
    expect(err.message).toBe('in.json:3:8: invalid JSON: expected a value at "]"');
  });

  it('rejects a duplicate key at its line, naming its path', () => {
    const err = errorOf('{\n  "aws": {\n    "accounts": [],\n    "accounts": [1]\n  }\n}');
    expect(err.message).toBe('in.json:4:5: $.aws.accounts: duplicate key "accounts"');
  });

  it('allows the same key in sibling objects', () => {
    expect(parseJson('[{"a": 1}, {"a": 2}]', 'in.json').value).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('rejects nesting past the depth limit where it starts, without overflowing the stack', () => {
    expect(parseJson('{"a":'.repeat(8) + '1' + '}'.repeat(8), 'in.json', { limits: small }).value).toBeTypeOf('object');
    const err = errorOf('{"a":'.repeat(9) + '1' + '}'.repeat(9));
    expect(err.message).toBe('in.json:1:41: $.a.a.a.a.a.a.a.a: nested deeper than 8 levels (SCV_GUARD_MAX_DEPTH)');
    const deep = errorOf('['.repeat(200_000) + ']'.repeat(200_000));
    expect(deep.message).toMatch(/^in\.json:1:9: \$\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]: nested deeper than 8 levels/);
  });

  it('rejects a string or key past the length limit', () => {
    expect(errorOf('{"a": "' + 'x'.repeat(17) + '"}').message).toBe(
      'in.json:1:7: $.a: a string of 17 characters, longer than the limit of 16 (SCV_GUARD_MAX_STRING_LENGTH)',
    );
    expect(errorOf('{"' + 'k'.repeat(17) + '": 1}').message).toMatch(/^in\.json:1:2: \$: a string of 17 characters/);
  });

  it('keeps __proto__, constructor and prototype as ordinary keys', () => {
    const value = parseJson('{"__proto__": {"polluted": true}, "constructor": 1, "prototype": 2}', 'in.json').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true},"constructor":1,"prototype":2}');
  });

  it('locates paths in one scan, and a missing field at its parent', () => {
    const doc = parseJson('\uFEFF{\n "a": [\n  {"b": 1},\n  {"b": 2, "c": {"d": null}}\n ]\n}', 'in.json');
    expect(doc.locate(['a', 1, 'c', 'd'])).toEqual({ line: 4, column: 23 });
    expect(doc.locate(['a', 1, 'missing'])).toEqual({ line: 4, column: 3 });
    const all = doc.locateAll([['a', 0], ['a', 1, 'b'], ['nope']]);
    expect([...all.values()]).toEqual([{ line: 3, column: 3 }, { line: 4, column: 9 }]);
  });

  it('embedded JSON is located inside its string and never quoted', () => {
    const err = thrown(() => parseEmbeddedJson('{"Secret": AKIAABCDEFGHIJKLMNOP}', 'policy document', { file: 'plan.json', line: 7 }), ScvGuardError);
    expect(err.message).toBe('plan.json:7: policy document: invalid JSON: unexpected character (at line 1, column 12 of the policy document)');
    const dup = thrown(() => parseEmbeddedJson('{"Effect": "Deny", "Effect": "Allow"}', 'policy document'), ScvGuardError);
    expect(dup.message).toBe('policy document: duplicate key "Effect" (at line 1, column 20, $.Effect of the policy document)');
  });
});

describe('inputLimits', () => {
  it('reads each limit from its environment variable and refuses nonsense', () => {
    expect(inputLimits({ SCV_GUARD_MAX_DEPTH: '20', SCV_GUARD_MAX_FILE_BYTES: '1000' })).toEqual({ ...DEFAULT_INPUT_LIMITS, maxDepth: 20, maxFileBytes: 1000 });
    expect(thrown(() => inputLimits({ SCV_GUARD_MAX_STRING_LENGTH: '1e6' }), ScvGuardError).message).toBe(
      'SCV_GUARD_MAX_STRING_LENGTH: expected a positive whole number, got "1e6"',
    );
    expect(thrown(() => inputLimits({ SCV_GUARD_MAX_DEPTH: '5000' }), ScvGuardError).message).toBe('SCV_GUARD_MAX_DEPTH: at most 1000, got 5000');
  });
});
