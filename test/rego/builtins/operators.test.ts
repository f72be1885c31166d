import { describe, expect, it } from 'vitest';
import { call, callJSON, errorOf, set } from './helpers.js';

describe('arithmetic operators', () => {
  it('adds, subtracts, multiplies and divides numbers', () => {
    expect(call('plus', 1, 2.5)).toBe(3.5);
    expect(call('minus', 10, 4)).toBe(6);
    expect(call('mul', 3, 4)).toBe(12);
    expect(call('div', 13, 4)).toBe(3.25);
    expect(call('div', 15.3, 3)).toBe(5.1000000000000005);
  });

  it('reports type errors in OPA wording', () => {
    expect(errorOf('plus', 'a', 1)).toBe('plus: operand 1 must be number but got string');
    expect(errorOf('mul', 1, null)).toBe('mul: operand 2 must be number but got null');
    expect(errorOf('minus', 'a', 1)).toBe('minus: operand 1 must be one of {number, set} but got string');
  });

  it('refuses division and modulo by zero', () => {
    expect(errorOf('div', 1, 0)).toBe('div: divide by zero');
    expect(errorOf('rem', 1, 0)).toBe('rem: modulo by zero');
  });

  it('computes remainders of integers only, with the sign of the dividend', () => {
    expect(call('rem', 10, 3)).toBe(1);
    expect(call('rem', -7, 3)).toBe(-1);
    expect(errorOf('rem', 1.1, 1)).toBe('rem: modulo on floating-point number');
    expect(errorOf('rem', 1, 1.5)).toBe('rem: modulo on floating-point number');
  });

  it('rounds halves away from zero like Go', () => {
    expect(call('round', 2.5)).toBe(3);
    expect(call('round', -2.5)).toBe(-3);
    expect(call('round', 1.4)).toBe(1);
    expect(call('ceil', 1.2)).toBe(2);
    expect(call('floor', -1.2)).toBe(-2);
    expect(call('abs', -3)).toBe(3);
  });
});

describe('set operators', () => {
  it('takes differences, intersections and unions of sets', () => {
    expect(callJSON('minus', set(1, 2, 3), set(2))).toEqual([1, 3]);
    expect(callJSON('and', set(1, 2, 3), set(2, 3, 4))).toEqual([2, 3]);
    expect(callJSON('or', set(1, 2), set(2, 5))).toEqual([1, 2, 5]);
  });

  it('requires sets for and/or', () => {
    expect(errorOf('and', [1], set(1))).toBe('and: operand 1 must be set but got array');
    expect(errorOf('minus', set(1), 2)).toBe('minus: operand 2 must be set but got number');
  });
});

describe('comparison operators', () => {
  it('compares with OPA equality and ordering across types', () => {
    expect(call('equal', 1, 1.0)).toBe(true);
    expect(call('equal', set(1, 2), set(2, 1))).toBe(true);
    expect(call('neq', [1], [1, 2])).toBe(true);
    expect(call('lt', null, false)).toBe(true);
    expect(call('lt', 'b', 'a')).toBe(false);
    expect(call('gte', [1, 2], [1])).toBe(true);
    expect(call('lte', 2, 2)).toBe(true);
    expect(call('gt', 'a', 99)).toBe(true);
  });
});

describe('numbers.range and numbers.range_step', () => {
  it('counts up or down inclusively', () => {
    expect(call('numbers.range', 1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(call('numbers.range', -1, -5)).toEqual([-1, -2, -3, -4, -5]);
    expect(call('numbers.range', 8, 8)).toEqual([8]);
    expect(call('numbers.range_step', 0, 10, 3)).toEqual([0, 3, 6, 9]);
    expect(call('numbers.range_step', 10, 0, 4)).toEqual([10, 6, 2]);
  });

  it('requires integers and a positive step', () => {
    expect(errorOf('numbers.range', 1.01, 5)).toBe(
      'numbers.range: operand 1 must be integer number but got floating-point number',
    );
    expect(errorOf('numbers.range_step', 1, 5, 0)).toBe('numbers.range_step: step must be a positive number above zero');
  });
});
