import { describe, expect, it } from 'vitest';
import { call, errorOf } from './helpers.js';

describe('glob.match', () => {
  it('uses "." as the delimiter when delimiters is an empty array', () => {
    expect(call('glob.match', '*.github.com', [], 'api.github.com')).toBe(true);
    expect(call('glob.match', '*.github.com', [], 'api.cdn.github.com')).toBe(false);
    expect(call('glob.match', 'api.**.com', [], 'api.cdn.github.com')).toBe(true);
  });

  it('has no delimiters when delimiters is null', () => {
    expect(call('glob.match', '*hub.com', null, 'api.cdn.github.com')).toBe(true);
    expect(call('glob.match', 'api://*/appId', null, 'api://foo.com/appId')).toBe(true);
  });

  it('honours custom delimiters', () => {
    expect(call('glob.match', '*:github:com', [':'], 'api:github:com')).toBe(true);
    expect(call('glob.match', '*:com', [':'], 'a:b:com')).toBe(false);
    expect(call('glob.match', 'arn:aws:s3:::*', [], 'arn:aws:s3:::my-bucket')).toBe(true);
  });

  it('matches a hyphen, caret or bracket outside a class literally, and a hyphen delimiter', () => {
    expect(call('glob.match', '*-ConnectCallRole', [], 'acme-ConnectCallRole')).toBe(true);
    expect(call('glob.match', '*-ConnectCallRole', null, 'acme-prod-ConnectCallRole')).toBe(true);
    expect(call('glob.match', 'ext-?', [], 'ext-1')).toBe(true);
    expect(call('glob.match', 'a^b\\[c', null, 'a^b[c')).toBe(true);
    expect(call('glob.match', '[a-]x', null, '-x')).toBe(true);
    expect(call('glob.match', '*', ['-'], 'a-b')).toBe(false);
    expect(call('glob.match', '*-b', ['-'], 'a-b')).toBe(true);
  });

  it('supports ?, character classes, negation and alternatives', () => {
    expect(call('glob.match', '?at', [], 'cat')).toBe(true);
    expect(call('glob.match', '?at', [], 'at')).toBe(false);
    expect(call('glob.match', '[abc]at', [], 'bat')).toBe(true);
    expect(call('glob.match', '[abc]at', [], 'lat')).toBe(false);
    expect(call('glob.match', '[!abc]at', [], 'cat')).toBe(false);
    expect(call('glob.match', '[!a-c]at', [], 'lat')).toBe(true);
    expect(call('glob.match', '{cat,bat,[fr]at}', [], 'rat')).toBe(true);
    expect(call('glob.match', '{cat,bat,[fr]at}', [], 'at')).toBe(false);
    expect(call('glob.match', '\\*.txt', [], '*.txt')).toBe(true);
    expect(call('glob.match', '\\*.txt', [], 'a.txt')).toBe(false);
  });

  it('checks operand types', () => {
    expect(errorOf('glob.match', '*', 'x', 'a')).toBe('glob.match: operand 2 must be one of {array, null} but got string');
    expect(errorOf('glob.match', '{a,b', [], 'a')).toMatch(/^glob\.match: invalid glob pattern/);
  });
});

describe('glob.quote_meta', () => {
  it('escapes glob metacharacters so they match literally', () => {
    expect(call('glob.quote_meta', '*.github.com')).toBe('\\*.github.com');
    expect(call('glob.quote_meta', '[a]{b}?\\')).toBe('\\[a\\]\\{b\\}\\?\\\\');
    const quoted = call('glob.quote_meta', 'a*b') as string;
    expect(call('glob.match', quoted, [], 'a*b')).toBe(true);
    expect(call('glob.match', quoted, [], 'axxb')).toBe(false);
  });
});

describe('glob.match in linear time', () => {
  // An external id taken from a StringLike trust condition: a backtracking engine needs minutes.
  it('matches a pattern of many stars against long ids at once', () => {
    const pattern = '*a*a*a*a*a*a*a*a*a*a*a*x';
    const start = performance.now();
    for (let i = 0; i < 50; i++) {
      expect(call('glob.match', pattern, null, 'a'.repeat(40 + i))).toBe(false);
      expect(call('glob.match', pattern, [], 'a'.repeat(40 + i) + 'x')).toBe(true);
    }
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
