/**
 * Translation of Go RE2 regular-expression syntax to JavaScript RegExp (unicode mode), and Go's
 * FindAll iteration rules. Supported: `(?P<name>...)`, leading inline flags `(?i)`, `(?s)`, `(?m)`,
 * `(?U)` is refused, `\A`, `\z`, `\Q...\E`, `\pL`/`\p{Greek}`, POSIX classes `[[:alpha:]]`, and
 * escaped punctuation. Compiled expressions are cached.
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GENERAL_CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn',
  'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs']);

export class RegexSyntaxError extends Error {}

function literal(ch: string, inClass = false): string {
  if (ch === '-') return inClass ? '\\-' : '-';
  return /[\^$\\.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

function unicodeClass(neg: boolean, name: string): string {
  const prop = GENERAL_CATEGORIES.has(name) ? name : name === 'Any' ? 'Any' : `Script=${name}`;
  return `\\${neg ? 'P' : 'p'}{${prop}}`;
}

/** Translates one escape starting at pattern[i] === '\\'; returns [js, next index]. */
function escape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) throw new RegexSyntaxError('trailing backslash at end of expression');
  switch (c) {
    case 'd': case 'D': case 'w': case 'W':
      return ['\\' + c, i + 2];
    case 's': // Go's \s is ASCII whitespace without \v; JavaScript's also covers Unicode spaces
      return [inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]', i + 2];
    case 'S':
      if (inClass) throw new RegexSyntaxError('\\S inside a character class is not supported');
      return ['[^\\t\\n\\f\\r ]', i + 2];
    case 'b': case 'B':
      if (inClass) throw new RegexSyntaxError(`invalid escape sequence: \\${c}`);
      return ['\\' + c, i + 2];
    case 'A':
      return ['(?<![\\s\\S])', i + 2];
    case 'z':
      return ['(?![\\s\\S])', i + 2];
    case 'n': case 't': case 'r': case 'f': case 'v':
      return ['\\' + c, i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'x': {
      if (p[i + 2] === '{') {
        const close = p.indexOf('}', i + 3);
        if (close < 0) throw new RegexSyntaxError('invalid escape sequence: \\x{');
        return [`\\u{${p.slice(i + 3, close)}}`, close + 1];
      }
      return ['\\x' + p.slice(i + 2, i + 4), i + 4];
    }
    case 'p': case 'P': {
      if (p[i + 2] === '{') {
        const close = p.indexOf('}', i + 3);
        if (close < 0) throw new RegexSyntaxError('invalid character class range');
        let name = p.slice(i + 3, close);
        let neg = c === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        return [unicodeClass(neg, name), close + 1];
      }
      return [unicodeClass(c === 'P', p[i + 2] ?? ''), i + 3];
    }
    case 'Q': {
      const end = p.indexOf('\\E', i + 2);
      const text = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
      return [Array.from(text).map((ch) => literal(ch)).join(''), end < 0 ? p.length : end + 2];
    }
  }
  if (/[0-7]/.test(c)) {
    if (c === '0' || /[0-7]/.test(p[i + 2] ?? '')) {
      const m = /^[0-7]{1,3}/.exec(p.slice(i + 1))![0];
      return ['\\x' + parseInt(m, 8).toString(16).padStart(2, '0'), i + 1 + m.length];
    }
    throw new RegexSyntaxError(`invalid escape sequence: \\${c}`);
  }
  if (/[A-Za-z0-9]/.test(c)) throw new RegexSyntaxError(`invalid escape sequence: \\${c}`);
  return [literal(c, inClass), i + 2];
}

/** Both cases of a letter, for case-insensitive scopes that JS cannot express with a flag. */
function caseVariants(ch: string): string[] {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  return [...new Set([ch, lo, up].filter((x) => Array.from(x).length === 1))];
}

function translateClass(p: string, start: number, fold: boolean): [string, number] {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (i < p.length) {
    const c = p[i]!;
    if (c === ']' && !first) return [out + ']', i + 1];
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close > 0) {
        let name = p.slice(i + 2, close);
        const neg = name.startsWith('^');
        if (neg) name = name.slice(1);
        const cls = POSIX[name];
        if (!cls) throw new RegexSyntaxError(`invalid character class range: [:${name}:]`);
        if (neg) {
          // JavaScript (u mode) cannot nest classes: only a class that is just [[:^name:]] is expressible.
          if (out !== '[' || p[close + 2] !== ']') throw new RegexSyntaxError(`negated class [:^${name}:] must stand alone`);
          return [`[^${cls}]`, close + 3];
        }
        out += cls;
        i = close + 2;
        continue;
      }
    }
    if (c === '\\') {
      const [js, next] = escape(p, i, true);
      out += js;
      i = next;
      continue;
    }
    const hi = p[i + 2];
    if (p[i + 1] === '-' && hi !== undefined && hi !== ']' && hi !== '\\') {
      if (hi < c) throw new RegexSyntaxError(`invalid character class range: ${c}-${hi}`);
      out += literal(c, true) + '-' + literal(hi, true);
      if (fold && /[a-z]/i.test(c) && /[a-z]/i.test(hi) && (c <= 'Z') === (hi <= 'Z')) {
        const swap = (x: string): string => (x <= 'Z' ? x.toLowerCase() : x.toUpperCase());
        out += swap(c) + '-' + swap(hi);
      }
      i += 3;
      continue;
    }
    out += (fold ? caseVariants(c) : [c]).map((x) => literal(x, true)).join('');
    i++;
  }
  throw new RegexSyntaxError('missing closing ]');
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

function applyFlags(base: Flags, spec: string): Flags {
  const f = { ...base };
  let on = true;
  for (const ch of spec) {
    if (ch === '-') on = false;
    else if (ch === 'i' || ch === 's' || ch === 'm') f[ch] = on;
    else if (ch === 'U') throw new RegexSyntaxError('ungreedy flag (?U) is not supported');
    else throw new RegexSyntaxError(`invalid or unsupported Perl syntax: (?${spec}`);
  }
  return f;
}

/**
 * Converts an RE2 pattern to JS source and flags; throws RegexSyntaxError for what cannot be
 * expressed. Flags are applied per group scope: `.`, `^`, `$` are rewritten for (?s)/(?m), and
 * letters are expanded to both cases for (?i) unless the whole pattern is case-insensitive.
 */
export function translateRe2(pattern: string): { source: string; flags: string } {
  let p = pattern;
  const jsFlags = ['u'];
  let top: Flags = { i: false, s: false, m: false };
  const lead = /^\(\?([a-zA-Z-]+)\)/.exec(p);
  if (lead) {
    top = applyFlags(top, lead[1]!);
    p = p.slice(lead[0].length);
  }
  // A pattern that is case-insensitive throughout can use the JS flag (full Unicode folding).
  const laterFlagsMentionI = /\(\?[a-zA-Z-]*i[a-zA-Z-]*[:)]/.test(p);
  if (top.i && !laterFlagsMentionI) {
    jsFlags.push('i');
    top.i = false;
  }
  const stack: Flags[] = [top];
  const cur = (): Flags => stack[stack.length - 1]!;
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const [js, next] = escape(p, i, false);
      out += js;
      i = next;
    } else if (c === '[') {
      const [js, next] = translateClass(p, i, cur().i);
      out += js;
      i = next;
    } else if (c === '(') {
      const rest = p.slice(i);
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      const flagged = /^\(\?([a-zA-Z-]*)([:)])/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        stack.push({ ...cur() });
        i += named[0].length;
      } else if (flagged) {
        const f = applyFlags(cur(), flagged[1]!);
        if (flagged[2] === ')') stack[stack.length - 1] = f;
        else {
          out += '(?:';
          stack.push(f);
        }
        i += flagged[0].length;
      } else if (rest.startsWith('(?')) {
        throw new RegexSyntaxError(`invalid or unsupported Perl syntax: ${rest.slice(0, 4)}`);
      } else {
        out += '(';
        stack.push({ ...cur() });
        i++;
      }
    } else if (c === ')') {
      if (stack.length === 1) throw new RegexSyntaxError('unexpected )');
      stack.pop();
      out += ')';
      i++;
    } else if (c === '{') {
      const rep = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (rep && out !== '') {
        out += rep[0];
        i += rep[0].length;
      } else {
        out += '\\{';
        i++;
      }
    } else if (c === '}' || c === ']' || c === '/') {
      out += '\\' + c;
      i++;
    } else if (c === '.') {
      out += cur().s ? '[\\s\\S]' : '[^\\n]';
      i++;
    } else if (c === '^') {
      out += cur().m ? '(?<![^\\n])' : '^';
      i++;
    } else if (c === '$') {
      out += cur().m ? '(?![^\\n])' : '$';
      i++;
    } else if (cur().i && c.toLowerCase() !== c.toUpperCase()) {
      out += '[' + caseVariants(c).join('') + ']';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  if (stack.length > 1) throw new RegexSyntaxError('missing closing )');
  return { source: out, flags: jsFlags.join('') };
}

const CACHE_LIMIT = 500;
const cache = new Map<string, RegExp>();

/** A global JS RegExp for an RE2 pattern; throws RegexSyntaxError with Go's wording when invalid. */
export function compileRe2(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const { source, flags } = translateRe2(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source, flags + 'g');
  } catch (e) {
    throw new RegexSyntaxError((e as Error).message);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

/** Go's FindAll iteration: at most n matches (n < 0: all); an empty match right after a match is skipped. */
export function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (m[0].length === 0) {
      if (m.index === prevEnd) accept = false;
      const cp = s.codePointAt(m.index);
      pos = m.index + (cp === undefined ? 1 : cp > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  re.lastIndex = 0;
  return out;
}
