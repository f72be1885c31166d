import { describe, expect, it } from 'vitest';
import { RegoSet } from '../../../src/rego/value.js';
import { call, callJSON, set, v } from './helpers.js';

const obj = v({ a: 5, b: { c: { d: 6 }, d: 7 }, c: 8 });

describe('json.filter and json.remove', () => {
  it('keeps only the given paths', () => {
    expect(callJSON('json.filter', obj, ['a', 'b/c'])).toEqual({ a: 5, b: { c: { d: 6 } } });
    expect(callJSON('json.filter', obj, set('c', ['b', 'd']))).toEqual({ b: { d: 7 }, c: 8 });
    const s = v({ a: [[1, [7, 8, 9], 2], { a: 1 }] });
    expect(callJSON('json.filter', s, ['a/0/1/2', ['a', '0', '2'], 'a/0/1/1'])).toEqual({ a: [[[8, 9], 2]] });
    expect(callJSON('json.filter', s, [['a', 1]])).toEqual({ a: [] }); // array indexes are matched as strings
  });

  it('removes the given paths', () => {
    expect(callJSON('json.remove', obj, ['a', 'b/c'])).toEqual({ b: { d: 7 }, c: 8 });
    expect(callJSON('json.remove', v({ a: [1, 2, 3] }), ['/a/1'])).toEqual({ a: [1, 3] });
    expect(callJSON('json.remove', v({ 'x/y': 1, z: 2 }), ['x~1y'])).toEqual({ z: 2 });
  });
});

describe('json.patch', () => {
  it('applies add, remove, replace, move, copy and test', () => {
    const doc = v({ a: { b: 1 }, list: [1, 2] });
    const patched = callJSON('json.patch', doc, [
      v({ op: 'add', path: '/a/c', value: 2 }),
      v({ op: 'replace', path: '/a/b', value: 10 }),
      v({ op: 'add', path: '/list/1', value: 9 }),
      v({ op: 'add', path: '/list/-', value: 3 }),
      v({ op: 'copy', from: '/a/c', path: '/copied' }),
      v({ op: 'move', from: '/copied', path: '/moved' }),
      v({ op: 'remove', path: '/list/0' }),
      v({ op: 'test', path: '/moved', value: 2 }),
    ]);
    expect(patched).toEqual({ a: { b: 10, c: 2 }, list: [9, 2, 3], moved: 2 });
  });

  it('sets and tests null values; only a missing value member fails', () => {
    expect(callJSON('json.patch', v({ x: { y: 1 } }), [v({ op: 'replace', path: '/x/y', value: null })])).toEqual({ x: { y: null } });
    expect(callJSON('json.patch', v({ x: {} }), [v({ op: 'add', path: '/x/z', value: null })])).toEqual({ x: { z: null } });
    expect(callJSON('json.patch', v({ x: null }), [v({ op: 'test', path: '/x', value: null })])).toEqual({ x: null });
    expect(call('json.patch', v({ x: 1 }), [v({ op: 'add', path: '/y' })])).toBeUndefined();
  });

  it('is undefined when a patch fails', () => {
    expect(call('json.patch', v({ a: 1 }), [v({ op: 'test', path: '/a', value: 2 })])).toBeUndefined();
    expect(call('json.patch', v({ a: 1 }), [v({ op: 'remove', path: '/b' })])).toBeUndefined();
    expect(call('json.patch', [1, 2], [v({ op: 'remove', path: '/01' })])).toBeUndefined();
    expect(call('json.patch', [1, 2], [v({ op: 'remove', path: [-1] })])).toBeUndefined();
    expect(call('json.patch', v({ a: 1 }), [v({ op: 'remove', path: '' })])).toBeUndefined();
    expect(call('json.patch', v({ a: 1 }), [v({ op: 'frobnicate', path: '/a' })])).toBeUndefined();
  });

  it('addresses set members by value', () => {
    expect(callJSON('json.patch', set('a', 'b'), [v({ op: 'add', path: ['c'], value: 'c' })])).toEqual(['a', 'b', 'c']);
    expect(callJSON('json.patch', set('a', 'b'), [v({ op: 'remove', path: ['a'] })])).toEqual(['b']);
    expect(call('json.patch', set('a', 'b'), [v({ op: 'replace', path: ['a'], value: 'c' })])).toBeUndefined();
    const member = v({ a: [1] });
    expect(callJSON('json.patch', new RegoSet([member]), [
      v({ op: 'copy', from: [member, 'a', 0], path: [member, 'a', '-'] }),
    ])).toEqual([{ a: [1, 1] }]);
  });

  it('replaces the root with an empty path', () => {
    expect(callJSON('json.patch', v({ a: 1 }), [v({ op: 'remove', path: '' }), v({ op: 'add', path: '', value: v({ b: 2 }) })])).toEqual({ b: 2 });
  });
});

describe('json.verify_schema and json.match_schema', () => {
  const schema = v({
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, tier: { enum: ['prod', 'dev'] } },
    additionalProperties: false,
  });

  it('verifies schemas given as objects or JSON text', () => {
    expect(callJSON('json.verify_schema', schema)).toEqual([true, null]);
    expect(callJSON('json.verify_schema', '{"type": "object"}')).toEqual([true, null]);
    const [ok, why] = callJSON('json.verify_schema', v({ type: 'nonsense' })) as [boolean, string];
    expect(ok).toBe(false);
    expect(why).toMatch(/type/);
  });

  it('matches documents and reports errors in OPA shape', () => {
    expect(callJSON('json.match_schema', v({ name: 'a', tier: 'prod' }), schema)).toEqual([true, []]);
    expect(callJSON('json.match_schema', v({ tier: 'qa', extra: 1 }), schema)).toEqual([
      false,
      expect.arrayContaining([
        { error: '(root): name is required', type: 'required', field: '(root)', desc: 'name is required' },
        {
          error: '(root): Additional property extra is not allowed',
          type: 'additional_property_not_allowed',
          field: '(root)',
          desc: 'Additional property extra is not allowed',
        },
        {
          error: 'tier: tier must be one of the following: "prod", "dev"',
          type: 'enum',
          field: 'tier',
          desc: 'tier must be one of the following: "prod", "dev"',
        },
      ]),
    ]);
    expect(callJSON('json.match_schema', '{"name": 5}', schema)).toEqual([
      false,
      [{ error: 'name: Invalid type. Expected: string, given: integer', type: 'invalid_type', field: 'name', desc: 'Invalid type. Expected: string, given: integer' }],
    ]);
  });
});
