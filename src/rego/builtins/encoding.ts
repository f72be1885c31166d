/** Encodings: json.*, yaml.*, base64*, hex.*, urlquery.*. */
import { parseDocument, stringify } from 'yaml';
import { fromJSON, RegoObject, RegoSet, toJSON, type Value } from '../value.js';
import { def, obj, operandError, operandTypeError, str } from './args.js';
import { goMarshal, goMarshalIndent } from './gojson.js';
import { BuiltinError, type Builtin } from './types.js';

function parseJSON(name: string, s: string): Value {
  try {
    return fromJSON(JSON.parse(s));
  } catch (e) {
    throw new BuiltinError(name, (e as Error).message);
  }
}

function parseYAML(name: string, s: string): Value {
  const doc = parseDocument(s, {
    version: '1.1',
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) throw new BuiltinError(name, doc.errors[0]!.message.split('\n')[0]!);
  return fromJSON(doc.toJS({ maxAliasCount: 100 }));
}

function marshalWithOptions(args: Value[]): string {
  const name = 'json.marshal_with_options';
  const opts = obj(name, args, 2);
  let indent = '\t';
  let prefix = '';
  let implicit = false;
  let explicit: boolean | undefined;
  for (const [k, v] of opts.entries()) {
    if (k === 'prefix' || k === 'indent') {
      if (typeof v !== 'string') throw operandError(name, 2, `${k} must be a string, but got ${typeof v}`);
      implicit = true;
      if (k === 'prefix') prefix = v;
      else indent = v;
    } else if (k === 'pretty') {
      if (typeof v !== 'boolean') throw operandError(name, 2, 'pretty must be a boolean');
      explicit = v;
    } else {
      throw operandError(name, 2, `object contained unknown key ${JSON.stringify(k)}`);
    }
  }
  const pretty = explicit ?? implicit;
  return pretty ? goMarshalIndent(args[0]!, prefix, indent) : goMarshal(args[0]!);
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Go's base64 StdEncoding/URLEncoding decode: padded, length a multiple of 4, CR/LF ignored. */
function decodeBase64(name: string, s: string, url: boolean): string {
  const t = s.replace(/[\r\n]/g, '');
  const re = url ? B64URL : B64;
  if (!re.test(t) || t.length % 4 !== 0) throw new BuiltinError(name, `illegal base64 data at input byte ${firstBad(t, url)}`);
  return Buffer.from(t, url ? 'base64url' : 'base64').toString('utf8');
}

function firstBad(t: string, url: boolean): number {
  const ok = url ? /[A-Za-z0-9_-]/ : /[A-Za-z0-9+/]/;
  for (let i = 0; i < t.length; i++) if (!ok.test(t[i]!)) return i;
  return t.length - (t.length % 4);
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function queryUnescape(name: string, s: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25) {
      const hex = raw.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new BuiltinError(name, `invalid URL escape ${JSON.stringify(raw.subarray(i, i + 3).toString('latin1'))}`);
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(b === 0x2b ? 0x20 : b);
  }
  return Buffer.from(bytes).toString('utf8');
}

function encodeObject(args: Value[]): string {
  const name = 'urlquery.encode_object';
  const o = obj(name, args, 1);
  const parts: string[] = [];
  const keys = o.keys().map((k) => {
    if (typeof k !== 'string') throw operandError(name, 1, 'keys must be strings');
    return k;
  });
  for (const k of keys.sort()) {
    const v = o.get(k)!;
    const vals = typeof v === 'string' ? [v] : Array.isArray(v) ? v : v instanceof RegoSet ? v.sorted() : undefined;
    if (!vals) throw operandTypeError(name, 1, v, 'string', 'array', 'set');
    for (const x of vals) {
      if (typeof x !== 'string') throw operandError(name, 1, 'values must be strings, arrays of strings or sets of strings');
      parts.push(queryEscape(k) + '=' + queryEscape(x));
    }
  }
  return parts.join('&');
}

function decodeObject(args: Value[]): Value {
  const name = 'urlquery.decode_object';
  const s = str(name, args, 1);
  const out = new Map<string, string[]>();
  for (const part of s.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) throw new BuiltinError(name, 'invalid semicolon separator in query');
    const eq = part.indexOf('=');
    const k = queryUnescape(name, eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : queryUnescape(name, part.slice(eq + 1));
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return new RegoObject([...out.entries()].map(([k, v]) => [k, v] as [Value, Value]));
}

export const ENCODING_BUILTINS: Builtin[] = [
  def('json.marshal', 1, ([x]) => goMarshal(x!)),
  def('json.marshal_with_options', 2, (args) => marshalWithOptions(args)),
  def('json.unmarshal', 1, (args) => parseJSON('json.unmarshal', str('json.unmarshal', args, 1))),
  def('json.is_valid', 1, ([s]) => {
    if (typeof s !== 'string') return false;
    try {
      JSON.parse(s);
      return true;
    } catch {
      return false;
    }
  }),
  def('yaml.marshal', 1, ([x]) => stringify(toJSON(x!), { indentSeq: false, sortMapEntries: true, lineWidth: 0 })),
  def('yaml.unmarshal', 1, (args) => parseYAML('yaml.unmarshal', str('yaml.unmarshal', args, 1))),
  def('yaml.is_valid', 1, ([s]) => {
    if (typeof s !== 'string') return false;
    try {
      parseYAML('yaml.is_valid', s);
      return true;
    } catch {
      return false;
    }
  }),
  def('base64.encode', 1, (args) => Buffer.from(str('base64.encode', args, 1), 'utf8').toString('base64')),
  def('base64.decode', 1, (args) => decodeBase64('base64.decode', str('base64.decode', args, 1), false)),
  def('base64.is_valid', 1, ([s]) => {
    if (typeof s !== 'string') return false;
    const t = s.replace(/[\r\n]/g, '');
    return B64.test(t) && t.length % 4 === 0;
  }),
  def('base64url.encode', 1, (args) => {
    const raw = Buffer.from(str('base64url.encode', args, 1), 'utf8').toString('base64url');
    return raw + '='.repeat((4 - (raw.length % 4)) % 4);
  }),
  def('base64url.encode_no_pad', 1, (args) => Buffer.from(str('base64url.encode_no_pad', args, 1), 'utf8').toString('base64url')),
  def('base64url.decode', 1, (args) => {
    let s = str('base64url.decode', args, 1);
    if (!s.endsWith('=')) {
      const rem = s.length % 4;
      if (rem === 1) throw new BuiltinError('base64url.decode', `illegal base64url string: ${s}`);
      s += rem === 2 ? '==' : rem === 3 ? '=' : '';
    }
    return decodeBase64('base64url.decode', s, true);
  }),
  def('hex.encode', 1, (args) => Buffer.from(str('hex.encode', args, 1), 'utf8').toString('hex')),
  def('hex.decode', 1, (args) => {
    const s = str('hex.decode', args, 1);
    const bad = /[^0-9A-Fa-f]/.exec(s);
    if (bad) {
      const cp = bad[0].codePointAt(0)!;
      throw new BuiltinError('hex.decode', `encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(bad[0]).replace(/^"|"$/g, "'")}`);
    }
    if (s.length % 2 !== 0) throw new BuiltinError('hex.decode', 'encoding/hex: odd length hex string');
    return Buffer.from(s, 'hex').toString('utf8');
  }),
  def('urlquery.encode', 1, (args) => queryEscape(str('urlquery.encode', args, 1))),
  def('urlquery.decode', 1, (args) => queryUnescape('urlquery.decode', str('urlquery.decode', args, 1))),
  def('urlquery.encode_object', 1, (args) => encodeObject(args)),
  def('urlquery.decode_object', 1, (args) => decodeObject(args)),
];
