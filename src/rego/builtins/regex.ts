/** regex.* builtins over Go RE2 patterns, matched in linear time (see re2.ts). */
import type { RE2JS } from 're2js';
import type { Value } from '../value.js';
import { def, int, str } from './args.js';
import { compileRe2, findAll, RegexSyntaxError, type RegexMatch } from './re2.js';
import { BuiltinError, type Builtin } from './types.js';

function compile(name: string, pattern: string): RE2JS {
  try {
    return compileRe2(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new BuiltinError(name, e.message);
    throw e;
  }
}

/** Go's Regexp.Split(s, -1). */
function goSplit(re: RE2JS, s: string): string[] {
  if (re.pattern() !== '' && s === '') return [''];
  const matches = findAll(re, s, -1);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    end = m.index;
    const mEnd = m.end;
    if (mEnd !== 0) out.push(s.slice(beg, end));
    beg = mEnd;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's Regexp.Expand template syntax: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegexMatch): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string | undefined;
    let next = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (/^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        next = close + 1;
      }
    } else {
      const w = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (w) {
        name = w[0];
        next = i + 1 + w[0].length;
      }
    }
    if (name === undefined) {
      out += '$';
      i++;
      continue;
    }
    if (/^[0-9]+$/.test(name)) out += m.groups[Number(name)] ?? '';
    else out += m.named[name] ?? '';
    i = next;
  }
  return out;
}

function quoteRe2(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** regex.template_match: delimited parts of the template are regular expressions, the rest is literal. */
function templateMatch(name: string, template: string, value: string, open: string, close: string): boolean {
  let pattern = '^';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf(open, i);
    if (start < 0) {
      pattern += quoteRe2(template.slice(i));
      break;
    }
    pattern += quoteRe2(template.slice(i, start));
    let depth = 0;
    let j = start;
    for (; j < template.length; j++) {
      if (template.startsWith(open, j)) depth++;
      else if (template.startsWith(close, j) && --depth === 0) break;
    }
    if (j >= template.length) throw new BuiltinError(name, `unbalanced braces in template: ${template}`);
    pattern += '(' + template.slice(start + open.length, j) + ')';
    i = j + close.length;
  }
  return compile(name, pattern + '$').test(value);
}

function delimiter(name: string, args: Value[], pos: number): string {
  const s = str(name, args, pos);
  if (Array.from(s).length !== 1) throw new BuiltinError(name, `delimiter must be a single character: ${s}`);
  return s;
}

export const REGEX_BUILTINS: Builtin[] = [
  def('regex.match', 2, (args) => {
    return compile('regex.match', str('regex.match', args, 1)).test(str('regex.match', args, 2));
  }),
  def('regex.is_valid', 1, ([p]) => {
    if (typeof p !== 'string') return false;
    try {
      compileRe2(p);
      return true;
    } catch {
      return false;
    }
  }),
  def('regex.split', 2, (args) => goSplit(compile('regex.split', str('regex.split', args, 1)), str('regex.split', args, 2))),
  def('regex.find_n', 3, (args) => {
    const re = compile('regex.find_n', str('regex.find_n', args, 1));
    return findAll(re, str('regex.find_n', args, 2), int('regex.find_n', args, 3)).map((m) => m.groups[0]!);
  }),
  def('regex.find_all_string_submatch_n', 3, (args) => {
    const name = 'regex.find_all_string_submatch_n';
    const re = compile(name, str(name, args, 1));
    return findAll(re, str(name, args, 2), int(name, args, 3)).map((m) => m.groups.map((g) => g ?? ''));
  }),
  def('regex.replace', 3, (args) => {
    const s = str('regex.replace', args, 1);
    const re = compile('regex.replace', str('regex.replace', args, 2));
    const template = str('regex.replace', args, 3);
    let out = '';
    let last = 0;
    for (const m of findAll(re, s, -1)) {
      out += s.slice(last, m.index) + expand(template, m);
      last = m.end;
    }
    return out + s.slice(last);
  }),
  def('regex.template_match', 4, (args) => {
    const name = 'regex.template_match';
    return templateMatch(name, str(name, args, 1), str(name, args, 2), delimiter(name, args, 3), delimiter(name, args, 4));
  }),
];
