/**
 * glob.match and glob.quote_meta with gobwas/glob semantics as OPA uses them: `*` matches any run
 * of non-delimiter characters, `**` any run including delimiters, `?` one non-delimiter character,
 * `[abc]`, `[a-z]`, `[!abc]`, `{alt1,alt2}` and `\` escapes. Delimiters: null → none, [] → ["."].
 * A glob is translated to an RE2 expression and matched by re2js in time linear in the input, so
 * a pattern such as `*a*a*a*a*a*a*a*a*x` taken from an inventory cannot stall a scan.
 */
import type { RE2JS } from 're2js';
import { RegoSet, type Value } from '../value.js';
import { def, operandElementError, operandTypeError, str } from './args.js';
import { compileRe2 } from './re2.js';
import { BuiltinError, type Builtin } from './types.js';

/** Escapes a literal character for RE2, inside or outside a class (any ASCII punctuation may be escaped). */
function reEscape(ch: string): string {
  return /[!-/:-@[-`{-~]/.test(ch) ? '\\' + ch : ch;
}
const classEscape = reEscape;

class GlobSyntaxError extends Error {}

/** Translates a glob to an anchored RE2 expression. */
function globToRegex(glob: string, delimiters: string[]): string {
  const chars = Array.from(glob);
  const notDelim = delimiters.length === 0 ? '(?s:.)' : `[^${delimiters.map(classEscape).join('')}]`;
  let i = 0;
  const parse = (inAlt: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i]!;
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '*':
          if (chars[i] === '*') {
            while (chars[i] === '*') i++;
            out += '(?s:.)*';
          } else {
            out += notDelim + '*';
          }
          break;
        case '?':
          out += notDelim;
          break;
        case '\\':
          if (i >= chars.length) throw new GlobSyntaxError('unexpected end of pattern after escape');
          out += reEscape(chars[i++]!);
          break;
        case '[': {
          let neg = false;
          if (chars[i] === '!') {
            neg = true;
            i++;
          }
          let cls = '';
          let closed = false;
          while (i < chars.length) {
            const d = chars[i++]!;
            if (d === ']') {
              closed = true;
              break;
            }
            if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
              const hi = chars[i + 1]!;
              if (hi < d) throw new GlobSyntaxError(`invalid range ${d}-${hi}`);
              cls += classEscape(d) + '-' + classEscape(hi);
              i += 2;
            } else {
              cls += classEscape(d);
            }
          }
          if (!closed || cls === '') throw new GlobSyntaxError('unclosed or empty character class');
          out += `[${neg ? '^' : ''}${cls}]`;
          break;
        }
        case '{': {
          const alts: string[] = [];
          for (;;) {
            alts.push(parse(true));
            if (i >= chars.length) throw new GlobSyntaxError('unclosed alternatives');
            if (chars[i++] === '}') break;
          }
          out += '(?:' + alts.join('|') + ')';
          break;
        }
        default:
          out += reEscape(c);
      }
    }
    if (inAlt) throw new GlobSyntaxError('unclosed alternatives');
    return out;
  };
  return '^(?:' + parse(false) + ')$';
}

const cache = new Map<string, RE2JS>();

export function compileGlob(name: string, pattern: string, delimiters: string[]): RE2JS {
  const key = JSON.stringify([pattern, delimiters]);
  let re = cache.get(key);
  if (!re) {
    try {
      re = compileRe2(globToRegex(pattern, delimiters));
    } catch (e) {
      throw new BuiltinError(name, `invalid glob pattern ${JSON.stringify(pattern)}: ${(e as Error).message}`);
    }
    if (cache.size >= 500) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  return re;
}

function delimitersOf(v: Value): string[] {
  if (v === null) return [];
  const items = Array.isArray(v) ? v : v instanceof RegoSet ? v.sorted() : undefined;
  if (!items) throw operandTypeError('glob.match', 2, v, 'array', 'null');
  const out = items.map((d) => {
    if (typeof d !== 'string') throw operandElementError('glob.match', 2, v, d, 'string');
    return d;
  });
  return out.length === 0 ? ['.'] : out.flatMap((d) => Array.from(d));
}

export const GLOB_BUILTINS: Builtin[] = [
  def('glob.match', 3, (args) => {
    const pattern = str('glob.match', args, 1);
    const delims = delimitersOf(args[1]!);
    const value = str('glob.match', args, 3);
    return compileGlob('glob.match', pattern, delims).test(value);
  }),
  def('glob.quote_meta', 1, (args) => str('glob.quote_meta', args, 1).replace(/[*?\\[\]{}]/g, '\\$&')),
];
