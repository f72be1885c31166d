import { describe, expect, it } from 'vitest';
import { call, callJSON, errorOf, set, v } from './helpers.js';

describe('json', () => {
  it('marshals like Go: sorted keys, sets as arrays, HTML-safe escapes', () => {
    expect(call('json.marshal', v({ b: [1, 2.5], a: null }))).toBe('{"a":null,"b":[1,2.5]}');
    expect(call('json.marshal', set(3, 1))).toBe('[1,3]');
    expect(call('json.marshal', '<a&b>')).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(call('json.marshal', 'tab\there')).toBe('"tab\\there"');
  });

  it('marshals with indentation options', () => {
    expect(call('json.marshal_with_options', v({ a: [1], b: {} }), v({ pretty: true }))).toBe(
      '{\n\t"a": [\n\t\t1\n\t],\n\t"b": {}\n}',
    );
    expect(call('json.marshal_with_options', v({ a: 1 }), v({ indent: '  ', prefix: '>' }))).toBe('{\n>  "a": 1\n>}');
    expect(call('json.marshal_with_options', v({ a: 1 }), v({ indent: '  ', pretty: false }))).toBe('{"a":1}');
    expect(errorOf('json.marshal_with_options', 1, v({ colour: true }))).toBe(
      'json.marshal_with_options: operand 2 object contained unknown key "colour"',
    );
  });

  it('unmarshals and validates', () => {
    expect(callJSON('json.unmarshal', '{"a":[1,"x",true]}')).toEqual({ a: [1, 'x', true] });
    expect(errorOf('json.unmarshal', '{')).toMatch(/^json\.unmarshal: /);
    expect(call('json.is_valid', '[1,2]')).toBe(true);
    expect(call('json.is_valid', '[1,')).toBe(false);
    expect(call('json.is_valid', 5)).toBe(false);
  });
});

describe('yaml', () => {
  it('round-trips documents', () => {
    const text = call('yaml.marshal', v({ b: [1, 2], a: 'x' })) as string;
    expect(text).toBe('a: x\nb:\n- 1\n- 2\n');
    expect(callJSON('yaml.unmarshal', text)).toEqual({ a: 'x', b: [1, 2] });
  });

  it('reads YAML 1.1 booleans but keeps timestamps as strings, as Go yaml does', () => {
    expect(callJSON('yaml.unmarshal', 'on: yes\nwhen: 2001-12-14\n')).toEqual({ true: true, when: '2001-12-14' });
  });

  it('reports invalid documents', () => {
    expect(call('yaml.is_valid', 'a: [1, 2')).toBe(false);
    expect(call('yaml.is_valid', 'a: 1')).toBe(true);
    expect(errorOf('yaml.unmarshal', 'a: [1, 2')).toMatch(/^yaml\.unmarshal: /);
  });
});

describe('base64 and hex', () => {
  it('encodes and decodes strictly', () => {
    expect(call('base64.encode', 'hello?')).toBe('aGVsbG8/');
    expect(call('base64.decode', 'aGVsbG8/')).toBe('hello?');
    expect(call('base64.is_valid', 'aGVsbG8=')).toBe(true);
    expect(call('base64.is_valid', 'aGVsbG8')).toBe(false);
    expect(errorOf('base64.decode', 'a$==')).toBe('base64.decode: illegal base64 data at input byte 1');
  });

  it('handles the URL alphabet with and without padding', () => {
    expect(call('base64url.encode', 'hello?')).toBe('aGVsbG8_');
    expect(call('base64url.encode', 'ab')).toBe('YWI=');
    expect(call('base64url.encode_no_pad', 'ab')).toBe('YWI');
    expect(call('base64url.decode', 'YWI')).toBe('ab');
    expect(call('base64url.decode', 'YWI=')).toBe('ab');
    expect(errorOf('base64url.decode', 'YWJjZ')).toBe('base64url.decode: illegal base64url string: YWJjZ');
  });

  it('encodes hex and rejects bad digits', () => {
    expect(call('hex.encode', 'hi')).toBe('6869');
    expect(call('hex.decode', '6869')).toBe('hi');
    expect(errorOf('hex.decode', '686')).toBe('hex.decode: encoding/hex: odd length hex string');
    expect(errorOf('hex.decode', '6g')).toBe("hex.decode: encoding/hex: invalid byte: U+0067 'g'");
  });
});

describe('urlquery', () => {
  it('escapes like Go QueryEscape', () => {
    expect(call('urlquery.encode', 'a b&c=d/é')).toBe('a+b%26c%3Dd%2F%C3%A9');
    expect(call('urlquery.decode', 'a+b%26c')).toBe('a b&c');
    expect(errorOf('urlquery.decode', '%zz')).toBe('urlquery.decode: invalid URL escape "%zz"');
  });

  it('encodes and decodes objects', () => {
    expect(call('urlquery.encode_object', v({ b: ['1', '2'], a: 'x y' }))).toBe('a=x+y&b=1&b=2');
    expect(call('urlquery.encode_object', v({ s: set('z', 'a') }))).toBe('s=a&s=z');
    expect(callJSON('urlquery.decode_object', 'a=1&b=2&a=3&c')).toEqual({ a: ['1', '3'], b: ['2'], c: [''] });
  });
});
