import { describe, expect, it } from 'vitest';
import { call, callJSON, errorOf, set, v } from './helpers.js';

describe('count', () => {
  it('counts arrays, objects, sets and string runes', () => {
    expect(call('count', [1, 2, 3])).toBe(3);
    expect(call('count', v({ a: 1, b: 2 }))).toBe(2);
    expect(call('count', set(1, 1, 2))).toBe(2);
    expect(call('count', 'héllo😀')).toBe(6);
    expect(call('count', '')).toBe(0);
  });

  it('rejects scalars', () => {
    expect(errorOf('count', 5)).toBe('count: operand 1 must be one of {array, object, set, string} but got number');
    expect(errorOf('count', null)).toBe('count: operand 1 must be one of {array, object, set, string} but got null');
  });
});

describe('sum, product, max, min', () => {
  it('aggregates arrays and sets of numbers', () => {
    expect(call('sum', [1, 2, 3.5])).toBe(6.5);
    expect(call('sum', set())).toBe(0);
    expect(call('product', set(2, 3, 4))).toBe(24);
    expect(call('product', [])).toBe(1);
  });

  it('names non-number elements', () => {
    expect(errorOf('sum', [1, 'a'])).toBe('sum: operand 1 must be array of numbers but got array containing string');
    expect(errorOf('product', 'x')).toBe('product: operand 1 must be one of {set, array} but got string');
  });

  it('finds extremes in OPA order and is undefined for empty input', () => {
    expect(call('max', [1, 9, 3])).toBe(9);
    expect(call('min', set(4, 2, 8))).toBe(2);
    expect(call('max', [1, 'a', null])).toBe('a');
    expect(call('max', [])).toBeUndefined();
    expect(call('min', set())).toBeUndefined();
  });
});

describe('sort, all, any', () => {
  it('sorts arrays and sets by OPA order', () => {
    expect(callJSON('sort', [3, 'b', null, 1, 'a', [1], false])).toEqual([null, false, 1, 3, 'a', 'b', [1]]);
    expect(callJSON('sort', set(3, 1, 2))).toEqual([1, 2, 3]);
    expect(errorOf('sort', 1)).toBe('sort: operand 1 must be one of {set, array} but got number');
  });

  it('checks booleans with all/any', () => {
    expect(call('all', [true, true])).toBe(true);
    expect(call('all', [true, 1])).toBe(false);
    expect(call('all', [])).toBe(true);
    expect(call('any', set(false, true))).toBe(true);
    expect(call('any', [])).toBe(false);
  });
});

describe('arrays and sets', () => {
  it('concatenates, slices and reverses arrays', () => {
    expect(call('array.concat', [1, 2], [3])).toEqual([1, 2, 3]);
    expect(call('array.slice', [1, 2, 3], 0, 2)).toEqual([1, 2]);
    expect(call('array.slice', [1, 2, 3], -5, 5)).toEqual([1, 2, 3]);
    expect(call('array.slice', [1, 2, 3], 5, 5)).toEqual([]);
    expect(call('array.slice', [1, 2, 3], 2, 1)).toEqual([]);
    expect(call('array.reverse', [1, 2, 3])).toEqual([3, 2, 1]);
    expect(errorOf('array.slice', [5], 1.1, 2)).toBe(
      'array.slice: operand 2 must be integer number but got floating-point number',
    );
    expect(errorOf('array.concat', 1, [])).toBe('array.concat: operand 1 must be array but got number');
  });

  it('intersects and unites sets of sets', () => {
    expect(callJSON('intersection', setOfSets())).toEqual([2]);
    expect(callJSON('union', setOfSets())).toEqual([1, 2, 3]);
    expect(callJSON('intersection', set())).toEqual([]);
    expect(errorOf('union', set(1))).toBe('union: operand 1 must be set of sets but got set containing number');
  });
});

function setOfSets() {
  const s = set();
  s.add(set(1, 2));
  s.add(set(2, 3));
  return s;
}
