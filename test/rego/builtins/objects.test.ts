import { describe, expect, it } from 'vitest';
import { RegoObject } from '../../../src/rego/value.js';
import { call, callJSON, errorOf, set, v } from './helpers.js';

const doc = v({ a: { b: [10, { c: 'deep' }] }, s: 1 });

describe('object.get', () => {
  it('returns the value or the default for a single key', () => {
    expect(call('object.get', v({ a: 1 }), 'a', 0)).toBe(1);
    expect(call('object.get', v({ a: 1 }), 'b', 'dflt')).toBe('dflt');
    expect(call('object.get', v({ a: false }), 'a', true)).toBe(false);
    // null is a value: present, so the default does not apply (as in OPA)
    expect(call('object.get', v({ a: null }), 'a', 1)).toBe(null);
    expect(call('object.get', v({ a: { b: null } }), ['a', 'b'], 1)).toBe(null);
  });

  it('follows a path array through objects and arrays', () => {
    expect(call('object.get', doc, ['a', 'b', 1, 'c'], null)).toBe('deep');
    expect(call('object.get', doc, ['a', 'b', 5], 'none')).toBe('none');
    expect(call('object.get', doc, ['s', 'x'], 'none')).toBe('none');
    expect(call('object.get', doc, [], 'none')).toBe(doc);
  });

  it('looks up non-string keys', () => {
    const o = new RegoObject([[1, 'one']]);
    expect(call('object.get', o, 1, null)).toBe('one');
    expect(errorOf('object.get', [1], 0, null)).toBe('object.get: operand 1 must be object but got array');
  });
});

describe('keys, union, remove, filter', () => {
  it('returns keys as a set', () => {
    expect(callJSON('object.keys', v({ b: 1, a: 2 }))).toEqual(['a', 'b']);
  });

  it('merges recursively with the right side winning', () => {
    expect(callJSON('object.union', v({ a: { x: 1, y: 1 }, b: 1 }), v({ a: { y: 2 }, c: 3 }))).toEqual({
      a: { x: 1, y: 2 },
      b: 1,
      c: 3,
    });
    expect(callJSON('object.union', v({ a: { x: 1 } }), v({ a: 4 }))).toEqual({ a: 4 });
    expect(callJSON('object.union_n', [v({ a: { b: 2 } }), v({ a: 4 }), v({ a: { c: 3 } })])).toEqual({ a: { c: 3 } });
    expect(callJSON('object.union_n', [])).toEqual({});
    expect(errorOf('object.union_n', [v({}), 1])).toBe(
      'object.union_n: operand 1 must be array of objects but got array containing number',
    );
  });

  it('removes and keeps keys given as array, set or object', () => {
    expect(callJSON('object.remove', v({ a: 1, b: 2, c: 3 }), ['a'])).toEqual({ b: 2, c: 3 });
    expect(callJSON('object.remove', v({ a: 1, b: 2 }), set('a', 'b'))).toEqual({});
    expect(callJSON('object.filter', v({ a: 1, b: 2, c: 3 }), v({ a: 0, c: 0 }))).toEqual({ a: 1, c: 3 });
    expect(errorOf('object.filter', v({}), 'a')).toBe('object.filter: operand 2 must be one of {object, set, array} but got string');
  });
});

describe('object.subset', () => {
  it('checks objects recursively', () => {
    expect(call('object.subset', v({ a: { b: 1, c: 2 }, d: 3 }), v({ a: { b: 1 } }))).toBe(true);
    expect(call('object.subset', v({ a: 1 }), v({ a: 2 }))).toBe(false);
    expect(call('object.subset', v({ a: [1, 2, 3] }), v({ a: [2, 3] }))).toBe(true);
  });

  it('checks sets, contiguous sub-arrays and sets within arrays', () => {
    expect(call('object.subset', set(1, 2, 3), set(1, 3))).toBe(true);
    expect(call('object.subset', [1, 2, 3, 4], [2, 3])).toBe(true);
    expect(call('object.subset', [1, 2, 3, 4], [2, 4])).toBe(false);
    expect(call('object.subset', [1, 2, 3], set(3, 1))).toBe(true);
    expect(errorOf('object.subset', set(1), [1])).toBe(
      'object.subset: both arguments object.subset must be of the same type or array and set',
    );
  });
});
