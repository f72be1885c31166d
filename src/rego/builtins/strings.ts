/** String builtins with Go's strings package semantics (rune-based indexes, cutsets, replacers). */
import { RegoSet, type Value } from '../value.js';
import { arr, def, int, isGoSpace, num, obj, operandElementError, operandError, operandTypeError, runes, str } from './args.js';
import { goSprintf } from './sprintf.js';
import { BuiltinError, type Builtin } from './types.js';

const ASCII = /^[\x00-\x7f]*$/;

/** Go's strings.ToLower/ToUpper map rune by rune; JS special-cases (ß → SS, final sigma) are avoided. */
function mapRunes(s: string, f: (ch: string) => string): string {
  const whole = f(s);
  if (ASCII.test(s)) return whole;
  let out = '';
  for (const ch of s) {
    if (ch === '\u0130') {
      out += f === lower ? 'i' : ch;
      continue;
    }
    const m = f(ch);
    out += Array.from(m).length === 1 ? m : ch;
  }
  return out;
}
const lower = (s: string): string => s.toLowerCase();
const upper = (s: string): string => s.toUpperCase();

/** Go's strings.NewReplacer(pairs...).Replace(s): leftmost position first, then argument order. */
export function goReplace(s: string, pairs: [string, string][]): string {
  if (pairs.length === 1 && pairs[0]![0] !== '') return s.split(pairs[0]![0]).join(pairs[0]![1]);
  let out = '';
  let i = 0;
  while (i <= s.length) {
    const hit = pairs.find(([old]) => s.startsWith(old, i));
    const cp = i < s.length ? String.fromCodePoint(s.codePointAt(i)!) : '';
    if (hit) {
      out += hit[1];
      if (hit[0] !== '') {
        i += hit[0].length;
        continue;
      }
    }
    if (i >= s.length) break;
    out += cp;
    i += cp.length;
  }
  return out;
}

function trimLeftSet(s: string, cutset: string): string {
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let i = 0;
  while (i < rs.length && cut.has(rs[i]!)) i++;
  return rs.slice(i).join('');
}

function trimRightSet(s: string, cutset: string): string {
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let j = rs.length;
  while (j > 0 && cut.has(rs[j - 1]!)) j--;
  return rs.slice(0, j).join('');
}

function trimSpace(s: string): string {
  const rs = runes(s);
  let i = 0;
  let j = rs.length;
  while (i < j && isGoSpace(rs[i]!)) i++;
  while (j > i && isGoSpace(rs[j - 1]!)) j--;
  return rs.slice(i, j).join('');
}

/** Rune index of every (overlapping) occurrence of needle. */
function runeIndexes(name: string, haystack: string, needle: string, firstOnly: boolean): number[] {
  if (needle === '') throw new BuiltinError(name, 'empty search character');
  const hs = runes(haystack);
  const ns = runes(needle);
  const out: number[] = [];
  outer: for (let i = 0; i + ns.length <= hs.length; i++) {
    for (let k = 0; k < ns.length; k++) if (hs[i + k] !== ns[k]) continue outer;
    out.push(i);
    if (firstOnly) break;
  }
  return out;
}

/** One string, or an array/set of strings, as in strings.any_prefix_match. */
function stringOrStrings(name: string, v: Value, pos: number): string[] {
  if (typeof v === 'string') return [v];
  const items = Array.isArray(v) ? v : v instanceof RegoSet ? v.sorted() : undefined;
  if (!items) throw operandTypeError(name, pos, v, 'string', 'set', 'array');
  return items.map((x) => {
    if (typeof x !== 'string') throw operandElementError(name, pos, v, x, 'string');
    return x;
  });
}

function reverse(s: string): string {
  return runes(s).reverse().join('');
}

export const STRING_BUILTINS: Builtin[] = [
  def('concat', 2, (args) => {
    const sep = str('concat', args, 1);
    const coll = args[1]!;
    const items = Array.isArray(coll) ? coll : coll instanceof RegoSet ? coll.sorted() : undefined;
    if (!items) throw operandTypeError('concat', 2, coll, 'set', 'array');
    for (const x of items) if (typeof x !== 'string') throw operandElementError('concat', 2, coll, x, 'string');
    return (items as string[]).join(sep);
  }),
  def('contains', 2, (args) => str('contains', args, 1).includes(str('contains', args, 2))),
  def('startswith', 2, (args) => str('startswith', args, 1).startsWith(str('startswith', args, 2))),
  def('endswith', 2, (args) => str('endswith', args, 1).endsWith(str('endswith', args, 2))),
  def('format_int', 2, (args) => {
    const n = num('format_int', args, 1);
    const base = num('format_int', args, 2);
    if (![2, 8, 10, 16].includes(base)) throw operandError('format_int', 2, 'must be one of {2, 8, 10, 16}');
    const t = Math.trunc(n);
    return (Math.abs(t) < 1e21 ? BigInt(t) : BigInt(Math.trunc(t))).toString(base);
  }),
  def('indexof', 2, (args) => {
    const found = runeIndexes('indexof', str('indexof', args, 1), str('indexof', args, 2), true);
    return found.length > 0 ? found[0]! : -1;
  }),
  def('indexof_n', 2, (args) => runeIndexes('indexof_n', str('indexof_n', args, 1), str('indexof_n', args, 2), false)),
  def('lower', 1, (args) => mapRunes(str('lower', args, 1), lower)),
  def('upper', 1, (args) => mapRunes(str('upper', args, 1), upper)),
  def('replace', 3, (args) => {
    const s = str('replace', args, 1);
    const old = str('replace', args, 2);
    const rep = str('replace', args, 3);
    return goReplace(s, [[old, rep]]);
  }),
  def('strings.replace_n', 2, (args) => {
    const patterns = obj('strings.replace_n', args, 1);
    const s = str('strings.replace_n', args, 2);
    const pairs: [string, string][] = [];
    for (const k of patterns.sortedKeys()) {
      if (typeof k !== 'string') throw operandError('strings.replace_n', 1, 'non-string key found in pattern object');
      const v = patterns.get(k)!;
      if (typeof v !== 'string') throw operandError('strings.replace_n', 1, 'non-string value found in pattern object');
      pairs.push([k, v]);
    }
    return pairs.length === 0 ? s : goReplace(s, pairs);
  }),
  def('split', 2, (args) => {
    const s = str('split', args, 1);
    const d = str('split', args, 2);
    if (d === '') return runes(s);
    return s.split(d);
  }),
  def('sprintf', 2, (args) => goSprintf(str('sprintf', args, 1), arr('sprintf', args, 2))),
  def('substring', 3, (args) => {
    const s = str('substring', args, 1);
    const start = int('substring', args, 2);
    const length = int('substring', args, 3);
    if (start < 0) throw new BuiltinError('substring', 'negative offset');
    const rs = runes(s);
    if (start >= rs.length) return '';
    return (length < 0 ? rs.slice(start) : rs.slice(start, start + length)).join('');
  }),
  def('trim', 2, (args) => {
    const cut = str('trim', args, 2);
    return trimRightSet(trimLeftSet(str('trim', args, 1), cut), cut);
  }),
  def('trim_left', 2, (args) => trimLeftSet(str('trim_left', args, 1), str('trim_left', args, 2))),
  def('trim_right', 2, (args) => trimRightSet(str('trim_right', args, 1), str('trim_right', args, 2))),
  def('trim_prefix', 2, (args) => {
    const s = str('trim_prefix', args, 1);
    const p = str('trim_prefix', args, 2);
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  def('trim_suffix', 2, (args) => {
    const s = str('trim_suffix', args, 1);
    const p = str('trim_suffix', args, 2);
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  def('trim_space', 1, (args) => trimSpace(str('trim_space', args, 1))),
  def('strings.any_prefix_match', 2, ([a, b]) => {
    const strs = stringOrStrings('strings.any_prefix_match', a!, 1);
    const prefixes = stringOrStrings('strings.any_prefix_match', b!, 2);
    return strs.some((s) => prefixes.some((p) => s.startsWith(p)));
  }),
  def('strings.any_suffix_match', 2, ([a, b]) => {
    const strs = stringOrStrings('strings.any_suffix_match', a!, 1);
    const suffixes = stringOrStrings('strings.any_suffix_match', b!, 2);
    return strs.some((s) => suffixes.some((p) => s.endsWith(p)));
  }),
  def('strings.count', 2, (args) => {
    const s = str('strings.count', args, 1);
    const sub = str('strings.count', args, 2);
    if (sub === '') return runes(s).length + 1;
    return s.split(sub).length - 1;
  }),
  def('strings.reverse', 1, (args) => reverse(str('strings.reverse', args, 1))),
];
