import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../../src/rego/builtins/index.js';
import { call, callJSON, errorOf, makeCtx, set, v } from './helpers.js';

describe('semver', () => {
  it('validates Semantic Versioning 2.0.0 strings', () => {
    expect(call('semver.is_valid', '1.2.3')).toBe(true);
    expect(call('semver.is_valid', '1.2.3-rc.1+build.5')).toBe(true);
    expect(call('semver.is_valid', 'v1.2.3')).toBe(false);
    expect(call('semver.is_valid', '1.2')).toBe(false);
    expect(call('semver.is_valid', '01.2.3')).toBe(false);
    expect(call('semver.is_valid', 1)).toBe(false);
  });

  it('orders versions, pre-releases before releases', () => {
    expect(call('semver.compare', '1.9.10', '1.8.15')).toBe(1);
    expect(call('semver.compare', '1.8.15', '1.9.10')).toBe(-1);
    expect(call('semver.compare', '1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(call('semver.compare', '1.0.0-alpha.2', '1.0.0-alpha.10')).toBe(-1);
    expect(call('semver.compare', '1.0.0-alpha.beta', '1.0.0-alpha.1')).toBe(1);
    expect(call('semver.compare', '1.0.0+a', '1.0.0+b')).toBe(0);
    expect(errorOf('semver.compare', '1.0', '1.0.0')).toBe('semver.compare: operand 1 string "1.0" is not a valid SemVer');
  });
});

describe('uuid', () => {
  it('generates a v4 UUID that is stable per seed within one query', () => {
    const b = BUILTINS.get('uuid.rfc4122')!;
    const q1 = makeCtx();
    const a1 = b.fn(['x'], q1) as string;
    expect(a1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.fn(['x'], q1)).toBe(a1);
    expect(b.fn(['y'], q1)).not.toBe(a1);
    expect(b.fn(['x'], makeCtx())).not.toBe(a1);
    expect(b.nondeterministic).toBe(true);
  });

  it('decodes version 1 fields', () => {
    expect(callJSON('uuid.parse', 'b01d0062-a116-11ee-822b-7ab0b9e5e0c0')).toEqual({
      clocksequence: 555,
      macvariables: 'local:unicast',
      nodeid: '7a-b0-b9-e5-e0-c0',
      time: 1703282931110717000,
      variant: 'RFC4122',
      version: 1,
    });
  });

  it('decodes v2 domains, v7 times and is undefined for non-UUIDs', () => {
    expect(callJSON('uuid.parse', '000003e8-a129-21ee-ae00-325096b39f47')).toMatchObject({ domain: 'Person', id: 1000, version: 2 });
    expect(callJSON('uuid.parse', '017F22E2-79B0-7CC3-98C4-DC0C0C07398F')).toEqual({
      variant: 'RFC4122',
      version: 7,
      time: 1645557742000000000,
    });
    expect(callJSON('uuid.parse', 'a6342df8-7801-469c-b3f3-c5317a0ebdaa')).toEqual({ variant: 'RFC4122', version: 4 });
    expect(call('uuid.parse', 'not-valid')).toBeUndefined();
  });
});

describe('crypto', () => {
  it('hashes UTF-8 strings to hex', () => {
    expect(call('crypto.sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(call('crypto.sha1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('crypto.md5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(call('crypto.hmac.sha256', 'message', 'key')).toBe('6e9ef29b75fffc5b7abae527d58fdadb2fe42e7219011976917343065f58ed4a');
    expect(call('crypto.hmac.equal', 'a', 'a')).toBe(true);
    expect(call('crypto.hmac.equal', 'a', 'ab')).toBe(false);
    expect(errorOf('crypto.sha256', 1)).toBe('crypto.sha256: operand 1 must be string but got number');
  });
});

describe('types and casts', () => {
  it('tests and names types', () => {
    expect(call('is_number', 1)).toBe(true);
    expect(call('is_string', 1)).toBe(false);
    expect(call('is_set', set())).toBe(true);
    expect(call('is_object', v({}))).toBe(true);
    expect(call('is_array', [])).toBe(true);
    expect(call('is_boolean', false)).toBe(true);
    expect(call('is_null', null)).toBe(true);
    expect([null, true, 1, 's', [], v({}), set()].map((x) => call('type_name', x))).toEqual([
      'null', 'boolean', 'number', 'string', 'array', 'object', 'set',
    ]);
  });

  it('converts to numbers', () => {
    expect(call('to_number', '42')).toBe(42);
    expect(call('to_number', '-1.5e2')).toBe(-150);
    expect(call('to_number', true)).toBe(1);
    expect(call('to_number', null)).toBe(0);
    expect(errorOf('to_number', '0x10')).toBe('to_number: operand 1 invalid syntax');
    expect(errorOf('to_number', 'Inf')).toBe('to_number: operand 1 invalid syntax');
    expect(errorOf('to_number', 'abc')).toBe('to_number: operand 1 invalid syntax');
    expect(errorOf('to_number', [])).toBe('to_number: operand 1 must be one of {null, boolean, number, string} but got array');
  });

  it('casts between arrays and sets', () => {
    expect(callJSON('cast_set', [2, 1, 2])).toEqual([1, 2]);
    expect(call('cast_array', set(2, 1))).toEqual([1, 2]);
  });
});

describe('bits and rand.intn', () => {
  it('operates on integers with two-complement negatives', () => {
    expect(call('bits.and', 12, 10)).toBe(8);
    expect(call('bits.or', 12, 10)).toBe(14);
    expect(call('bits.xor', 12, 10)).toBe(6);
    expect(call('bits.negate', 5)).toBe(-6);
    expect(call('bits.lsh', 1, 10)).toBe(1024);
    expect(call('bits.rsh', -8, 1)).toBe(-4);
    expect(errorOf('bits.and', 1.5, 1)).toBe('bits.and: operand 1 must be integer number but got floating-point number');
  });

  it('draws stable random integers per query', () => {
    const b = BUILTINS.get('rand.intn')!;
    const q = makeCtx();
    const x = b.fn(['x', 50], q) as number;
    expect(Number.isInteger(x) && x >= 0 && x < 50).toBe(true);
    expect(b.fn(['x', 50], q)).toBe(x);
    expect(b.fn(['b', 0], q)).toBe(0);
  });
});

describe('registry', () => {
  it('registers every family under dotted names with consistent arities', () => {
    for (const [name, b] of BUILTINS) {
      expect(b.name).toBe(name);
      expect(b.arity).toBeGreaterThanOrEqual(0);
    }
    for (const name of ['plus', 'count', 'sprintf', 'glob.match', 'regex.match', 'object.get', 'time.parse_rfc3339_ns', 'json.patch']) {
      expect(BUILTINS.has(name)).toBe(true);
    }
  });

  it('leaves network and evaluator-owned builtins out', () => {
    for (const name of ['http.send', 'net.lookup_ip_addr', 'walk', 'print', 'trace', 'opa.runtime']) {
      expect(BUILTINS.has(name)).toBe(false);
    }
  });

  it('keeps the deprecated aliases OPA accepts', () => {
    expect(call('re_match', '^a', 'abc')).toBe(true);
    expect(callJSON('set_diff', set(1, 2), set(2))).toEqual([1]);
    expect(call('net.cidr_overlap', '10.0.0.0/8', '10.1.1.1')).toBe(true);
  });
});

describe('graph.reachable and strings.render_template', () => {
  it('walks an adjacency object from the start nodes', () => {
    const g = v({ a: ['b'], b: ['c', 'a'], c: [], d: ['a'] });
    expect(callJSON('graph.reachable', g, ['a'])).toEqual(['a', 'b', 'c']);
    expect(callJSON('graph.reachable', g, set('d', 'zzz'))).toEqual(['a', 'b', 'c', 'd']);
    expect(errorOf('graph.reachable', g, 'a')).toBe('graph.reachable: operand 2 must be one of {set, array} but got string');
  });

  it('renders field references', () => {
    expect(call('strings.render_template', 'Hi {{.name}}, {{ .team.lead }}!', v({ name: 'Ann', team: { lead: 'Bo' } }))).toBe(
      'Hi Ann, Bo!',
    );
    expect(call('strings.render_template', '{{.missing}}|{{.list}}', v({ list: [1, 'a'] }))).toBe('<no value>|[1 a]');
    expect(errorOf('strings.render_template', '{{range .x}}{{end}}', v({}))).toMatch(/unsupported action/);
  });
});

describe('deprecated builtins', () => {
  it('lists every deprecated name, each of which is registered', async () => {
    const { DEPRECATED_BUILTINS } = await import('../../../src/rego/builtins/index.js');
    expect([...DEPRECATED_BUILTINS].sort()).toEqual([
      'all', 'any', 'cast_array', 'cast_boolean', 'cast_null', 'cast_object', 'cast_set', 'cast_string',
      'net.cidr_overlap', 're_match', 'set_diff',
    ]);
    for (const name of DEPRECATED_BUILTINS) expect(BUILTINS.has(name)).toBe(true);
  });
});
