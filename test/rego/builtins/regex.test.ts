import { describe, expect, it } from 'vitest';
import { call, errorOf } from './helpers.js';

describe('regex.match and regex.is_valid', () => {
  it('searches unanchored like Go MatchString', () => {
    expect(call('regex.match', 'b+', 'abbbc')).toBe(true);
    expect(call('regex.match', '^b+$', 'abbbc')).toBe(false);
    expect(call('regex.match', '^arn:aws:iam::[0-9]{12}:role/.+$', 'arn:aws:iam::123456789012:role/Admin')).toBe(true);
  });

  it('understands RE2 syntax that JavaScript spells differently', () => {
    expect(call('regex.match', '(?i)^hello$', 'HeLLo')).toBe(true);
    expect(call('regex.match', '(?P<year>\\d{4})-\\d{2}', '2024-05')).toBe(true);
    expect(call('regex.match', '^[[:alpha:]]+$', 'abcXYZ')).toBe(true);
    expect(call('regex.match', '^[[:digit:]]+$', '12a')).toBe(false);
    expect(call('regex.match', '\\Aabc\\z', 'abc')).toBe(true);
    expect(call('regex.match', '\\Aabc\\z', 'abc\n')).toBe(false);
    expect(call('regex.match', '^\\pL+$', 'héllo')).toBe(true);
    expect(call('regex.match', '^\\p{Greek}+$', 'αβγ')).toBe(true);
    expect(call('regex.match', '^\\Qa.b\\E$', 'a.b')).toBe(true);
    expect(call('regex.match', '^\\Qa.b\\E$', 'axb')).toBe(false);
    expect(call('regex.match', '^a\\-b$', 'a-b')).toBe(true);
    expect(call('regex.match', '(?s)a.b', 'a\nb')).toBe(true);
    expect(call('regex.match', 'a.b', 'a\nb')).toBe(false);
  });

  it('rejects invalid patterns with a parse error', () => {
    expect(errorOf('regex.match', '(abc', 'x')).toMatch(/^regex\.match: error parsing regexp: /);
    expect(call('regex.is_valid', '(abc')).toBe(false);
    expect(call('regex.is_valid', '\\d+')).toBe(true);
    expect(call('regex.is_valid', 5)).toBe(false);
    expect(call('regex.is_valid', '(?<!x)y')).toBe(false); // look-behind is not RE2
  });
});

describe('regex.find_n and submatches', () => {
  it('finds up to n matches, all when n is -1', () => {
    expect(call('regex.find_n', '[a-z]+', 'ab 12 cd ef', -1)).toEqual(['ab', 'cd', 'ef']);
    expect(call('regex.find_n', '[a-z]+', 'ab 12 cd ef', 2)).toEqual(['ab', 'cd']);
    expect(call('regex.find_n', '[a-z]+', 'ab', 0)).toEqual([]);
  });

  it('skips an empty match right after a match, as Go does', () => {
    expect(call('regex.find_n', 'a*', 'baaac', -1)).toEqual(['', 'aaa', '']);
  });

  it('returns submatches with empty strings for groups that did not take part', () => {
    expect(call('regex.find_all_string_submatch_n', '([a-z])(\\d)?', 'a1b', -1)).toEqual([
      ['a1', 'a', '1'],
      ['b', 'b', ''],
    ]);
  });
});

describe('regex.split and regex.replace', () => {
  it('splits like Regexp.Split(s, -1)', () => {
    expect(call('regex.split', ',\\s*', 'a, b,c')).toEqual(['a', 'b', 'c']);
    expect(call('regex.split', 'x', '')).toEqual(['']);
    expect(call('regex.split', 'a', 'banana')).toEqual(['b', 'n', 'n', '']);
  });

  it('replaces with $1, ${name} and $$ expansion', () => {
    expect(call('regex.replace', 'hello world', 'o', '0')).toBe('hell0 w0rld');
    expect(call('regex.replace', 'ab-cd', '(\\w+)-(\\w+)', '$2-$1')).toBe('cd-ab');
    expect(call('regex.replace', 'ab', '(?P<x>a)', '[${x}]')).toBe('[a]b');
    expect(call('regex.replace', 'ab', 'a', '$$')).toBe('$b');
    expect(call('regex.replace', 'ab', '(a)', '$1x')).toBe('b'); // $1x names group "1x", which does not exist
  });
});

describe('regex.template_match', () => {
  it('treats delimited parts as patterns and the rest literally', () => {
    expect(call('regex.template_match', 'urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}')).toBe(true);
    expect(call('regex.template_match', 'urn:foo.bar:{[a-z]+}', 'urn:foo.bar:abc', '{', '}')).toBe(true);
    expect(call('regex.template_match', 'urn:foo.bar:{[a-z]+}', 'urn:fooxbar:abc', '{', '}')).toBe(false);
  });
});

describe('RE2 flag scopes', () => {
  it('applies (?i) after an anchor or inside a group only', () => {
    expect(call('regex.match', '^(?i)prod', 'PRODUCTION')).toBe(true);
    expect(call('regex.match', '^a(?i:b)c$', 'aBc')).toBe(true);
    expect(call('regex.match', '^a(?i:b)c$', 'aBC')).toBe(false);
    expect(call('regex.match', '(?i)^[a-c]+$', 'AbC')).toBe(true);
    expect(call('regex.match', '^x(?i)[a-c]+$', 'xAbC')).toBe(true);
    expect(call('regex.match', '(?i)a(?-i)b', 'Ab')).toBe(true);
    expect(call('regex.match', '(?i)a(?-i)b', 'AB')).toBe(false);
  });

  it("matches Go's dot, which excludes only newline, and multi-line anchors", () => {
    expect(call('regex.match', '^a.b$', 'a\rb')).toBe(true);
    expect(call('regex.match', '(?m)^b$', 'a\nb\nc')).toBe(true);
    expect(call('regex.match', '^b$', 'a\nb\nc')).toBe(false);
    expect(call('regex.match', 'a(?s:.)b', 'a\nb')).toBe(true);
  });

  it('refuses what RE2 does not have', () => {
    expect(call('regex.is_valid', '(?=a)')).toBe(false);
    expect(call('regex.is_valid', '(a)\\1')).toBe(false);
    expect(call('regex.is_valid', 'a)')).toBe(false);
    expect(call('regex.is_valid', '[z-a]')).toBe(false);
  });
});

describe('RE2 features JavaScript lacks', () => {
  it('takes the ungreedy flag (?U) as Go does', () => {
    expect(call('regex.find_n', '(?U)a+', 'aaa', -1)).toEqual(['a', 'a', 'a']);
    expect(call('regex.find_n', 'a+', 'aaa', -1)).toEqual(['aaa']);
  });
});

describe('matching time is linear in the input, whatever the pattern', () => {
  // A backtracking engine takes minutes on these (2^37 paths); RE2 visits each character once per state.
  it('does not backtrack on nested quantifiers', () => {
    const start = performance.now();
    expect(call('regex.match', '(a+)+$', 'a'.repeat(37) + '!')).toBe(false);
    expect(call('regex.match', '(a+)+$', '!' + 'a'.repeat(37))).toBe(true);
    expect(call('regex.match', '^(a+)+$', 'a'.repeat(37) + '!')).toBe(false);
    expect(call('regex.match', '^(a|aa)*$', 'a'.repeat(5000) + 'b')).toBe(false);
    expect(call('regex.find_n', '(x+x+)+y', 'x'.repeat(40), -1)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('RE2 classes that differ from JavaScript', () => {
  it('keeps \\s to ASCII whitespace and supports a negated POSIX class', () => {
    expect(call('regex.match', '^\\s$', '\u00a0')).toBe(false);
    expect(call('regex.match', '^\\s$', '\t')).toBe(true);
    expect(call('regex.match', '^\\S+$', 'a\u00a0b')).toBe(true);
    expect(call('regex.match', '^[[:^digit:]]+$', 'abc')).toBe(true);
    expect(call('regex.match', '^[[:^digit:]]+$', 'a1')).toBe(false);
    expect(call('regex.match', '^[\\s,]+$', ' ,\t')).toBe(true);
  });
});
