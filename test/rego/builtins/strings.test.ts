import { describe, expect, it } from 'vitest';
import { call, errorOf, set, v } from './helpers.js';

describe('simple string predicates and case', () => {
  it('tests substrings, prefixes and suffixes', () => {
    expect(call('contains', 'abcdef', 'cd')).toBe(true);
    expect(call('contains', 'abc', '')).toBe(true);
    expect(call('startswith', 'arn:aws:iam', 'arn:')).toBe(true);
    expect(call('endswith', 'file.json', '.yaml')).toBe(false);
    expect(errorOf('startswith', 1, 'a')).toBe('startswith: operand 1 must be string but got number');
  });

  it('maps case rune by rune as Go does', () => {
    expect(call('lower', 'AbC')).toBe('abc');
    expect(call('upper', 'straße')).toBe('STRAßE');
    expect(call('lower', 'ΣΑΣ')).toBe('σασ');
  });
});

describe('concat, split, replace', () => {
  it('joins arrays and sorted sets', () => {
    expect(call('concat', ', ', ['a', 'b'])).toBe('a, b');
    expect(call('concat', '-', set('z', 'a'))).toBe('a-z');
    expect(call('concat', '-', [])).toBe('');
    expect(errorOf('concat', '-', ['a', 1])).toBe('concat: operand 2 must be array of strings but got array containing number');
  });

  it('splits like strings.Split', () => {
    expect(call('split', 'a.b.c', '.')).toEqual(['a', 'b', 'c']);
    expect(call('split', 'abc', '/')).toEqual(['abc']);
    expect(call('split', 'héy', '')).toEqual(['h', 'é', 'y']);
    expect(call('split', '', ',')).toEqual(['']);
  });

  it('replaces all occurrences, including the empty string between runes', () => {
    expect(call('replace', 'aaa', 'a', 'b')).toBe('bbb');
    expect(call('replace', 'ab', '', '-')).toBe('-a-b-');
    expect(call('strings.replace_n', v({ a: '1', ab: '2' }), 'abc')).toBe('1bc');
    expect(call('strings.replace_n', v({ '<': '&lt;', '>': '&gt;' }), '<b>')).toBe('&lt;b&gt;');
  });
});

describe('indexes and substrings', () => {
  it('finds rune indexes', () => {
    expect(call('indexof', 'héllo', 'l')).toBe(2);
    expect(call('indexof', 'abc', 'z')).toBe(-1);
    expect(call('indexof_n', 'aaa', 'aa')).toEqual([0, 1]);
    expect(errorOf('indexof', 'abc', '')).toBe('indexof: empty search character');
  });

  it('takes substrings by rune offset and length', () => {
    expect(call('substring', 'abcdef', 1, 3)).toBe('bcd');
    expect(call('substring', 'abcdef', 2, -1)).toBe('cdef');
    expect(call('substring', 'héllo', 1, 2)).toBe('él');
    expect(call('substring', 'abc', 10, 2)).toBe('');
    expect(errorOf('substring', 'abc', -1, 2)).toBe('substring: negative offset');
  });

  it('counts and reverses', () => {
    expect(call('strings.count', 'cheese', 'e')).toBe(3);
    expect(call('strings.count', 'five', '')).toBe(5);
    expect(call('strings.reverse', 'abc😀')).toBe('😀cba');
  });
});

describe('trimming', () => {
  it('trims cutsets, prefixes, suffixes and Unicode space', () => {
    expect(call('trim', '--ab--', '-')).toBe('ab');
    expect(call('trim_left', 'xxab', 'x')).toBe('ab');
    expect(call('trim_right', 'abyy', 'xy')).toBe('ab');
    expect(call('trim_prefix', 'prefix-rest', 'prefix-')).toBe('rest');
    expect(call('trim_suffix', 'name.json', '.json')).toBe('name');
    expect(call('trim_space', '\t x \n\u00a0')).toBe('x');
  });
});

describe('format_int and prefix matching', () => {
  it('formats integers in bases 2, 8, 10 and 16, truncating fractions', () => {
    expect(call('format_int', 255, 16)).toBe('ff');
    expect(call('format_int', -255, 16)).toBe('-ff');
    expect(call('format_int', 5, 2)).toBe('101');
    expect(call('format_int', 8, 8)).toBe('10');
    expect(call('format_int', 3.9, 10)).toBe('3');
    expect(errorOf('format_int', 3, 7)).toBe('format_int: operand 2 must be one of {2, 8, 10, 16}');
  });

  it('matches any prefix or suffix across strings and collections', () => {
    expect(call('strings.any_prefix_match', ['arn:aws', 'x'], 'arn:')).toBe(true);
    expect(call('strings.any_prefix_match', 'abc', set('x', 'y'))).toBe(false);
    expect(call('strings.any_suffix_match', 'host.example.com', ['.com', '.org'])).toBe(true);
    expect(errorOf('strings.any_prefix_match', 1, 'a')).toBe(
      'strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number',
    );
  });
});

describe('sprintf', () => {
  it('formats strings and integers', () => {
    expect(call('sprintf', 'User %s from %s', ['alice', 'eng'])).toBe('User alice from eng');
    expect(call('sprintf', '%d items, 100%%', [42])).toBe('42 items, 100%');
    expect(call('sprintf', '%5d|%-5d|%05d', [42, 42, 42])).toBe('   42|42   |00042');
    expect(call('sprintf', '%x %X %o %b %O', [255, 255, 64, 15, 64])).toBe('ff FF 100 1111 0o100');
  });

  it('formats floats like Go', () => {
    expect(call('sprintf', '%.2f', [3.14159])).toBe('3.14');
    expect(call('sprintf', '%f', [3.14])).toBe('3.140000');
    expect(call('sprintf', '%v %v %v', [0.5, 1234567.5, 0.00001])).toBe('0.5 1.2345675e+06 1e-05');
    expect(call('sprintf', '%e', [1234.5678])).toBe('1.234568e+03');
    expect(call('sprintf', '%g', [100000000.5])).toBe('1.000000005e+08');
  });

  it('prints integral numbers as integers', () => {
    expect(call('sprintf', '%v/%d', [3, 6 / 2])).toBe('3/3');
    expect(call('sprintf', '%d', [2 ** 62])).toBe('4611686018427387904');
  });

  it("prints composite values in Rego's text form", () => {
    expect(call('sprintf', '%v', [v({ key: 'value' })])).toBe('{"key": "value"}');
    expect(call('sprintf', '%v %v', [[1, 'a', true, null], set()])).toBe('[1, "a", true, null] set()');
    expect(call('sprintf', '%s', [set('b', 'a')])).toBe('{"a", "b"}');
    expect(call('sprintf', '%v', [true])).toBe('true');
  });

  it('reports verb and argument mismatches inline as Go does', () => {
    expect(call('sprintf', '%s', [42])).toBe('%!s(int=42)');
    expect(call('sprintf', '%d', ['x'])).toBe('%!d(string=x)');
    expect(call('sprintf', '%d', [1.5])).toBe('%!d(float64=1.5)');
    expect(call('sprintf', '%s %d', ['only'])).toBe('only %!d(MISSING)');
    expect(call('sprintf', '%s', ['a', 'b'])).toBe('a%!(EXTRA string=b)');
    expect(call('sprintf', 'end %', [])).toBe('end %!(NOVERB)');
  });

  it('quotes, pads strings and uses explicit argument indexes', () => {
    expect(call('sprintf', '%q', ['a"b\n'])).toBe('"a\\"b\\n"');
    expect(call('sprintf', '[%6s][%-6s][%.2s]', ['abc', 'abc', 'abc'])).toBe('[   abc][abc   ][ab]');
    expect(call('sprintf', '%[2]s %[1]s', ['a', 'b'])).toBe('b a');
    expect(call('sprintf', '%t', [true])).toBe('%!t(string=true)');
    expect(call('sprintf', '%+d % d', [5, 5])).toBe('+5  5');
  });

  it('requires an array of arguments', () => {
    expect(errorOf('sprintf', '%s', 'x')).toBe('sprintf: operand 2 must be array but got string');
  });
});

describe('sprintf rounding', () => {
  it('rounds exact decimal ties to even as Go does', () => {
    expect(call('sprintf', '%.2f %.2f %.0f %.0f', [0.125, 0.375, 2.5, 3.5])).toBe('0.12 0.38 2 4');
    expect(call('sprintf', '%.1e %.1e', [1.25, 1.35])).toBe('1.2e+00 1.4e+00');
    expect(call('sprintf', '%.2g', [0.125])).toBe('0.12');
    expect(call('sprintf', '%.1f%%', [99.95])).toBe('100.0%'); // 99.95 is not an exact tie in binary
    expect(call('sprintf', '%.2f', [1.005])).toBe('1.00');
  });
});
