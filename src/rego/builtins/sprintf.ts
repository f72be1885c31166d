/**
 * sprintf with Go's fmt semantics, fed the way OPA feeds it: integral numbers as Go ints, other
 * numbers as float64, strings as strings, every other value as its Rego text (so `%v` of an object
 * prints `{"a": 1}` and `%d` of a boolean prints `%!d(string=true)`).
 */
import type { Value } from '../value.js';
import { formatFloatE, formatFloatF, formatFloatG, goQuote, regoText } from './goformat.js';

type GoArg =
  | { kind: 'int'; v: bigint }
  | { kind: 'bigint'; v: bigint }
  | { kind: 'float'; v: number }
  | { kind: 'string'; v: string };

const INT64_LIMIT = 2n ** 63n;

export function toGoArg(v: Value): GoArg {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) {
      const b = BigInt(v);
      return b < INT64_LIMIT && b >= -INT64_LIMIT ? { kind: 'int', v: b } : { kind: 'bigint', v: b };
    }
    return { kind: 'float', v };
  }
  if (typeof v === 'string') return { kind: 'string', v };
  return { kind: 'string', v: regoText(v) };
}

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

function typeLabel(a: GoArg): string {
  return a.kind === 'int' ? 'int' : a.kind === 'bigint' ? '*big.Int' : a.kind === 'float' ? 'float64' : 'string';
}

function plainValue(a: GoArg): string {
  if (a.kind === 'float') return formatFloatG(a.v, -1);
  return String(a.v);
}

function badVerb(verb: string, a: GoArg): string {
  if (a.kind === 'bigint') return `%!${verb}(big.Int=${a.v})`;
  return `%!${verb}(${typeLabel(a)}=${plainValue(a)})`;
}

function pad(s: string, spec: Spec, zeroAllowed: boolean): string {
  const w = spec.width ?? 0;
  const len = Array.from(s).length;
  if (len >= w) return s;
  if (spec.minus) return s + ' '.repeat(w - len);
  if (spec.zero && zeroAllowed) {
    const signLen = /^[+\- ]/.test(s) ? 1 : 0;
    return s.slice(0, signLen) + '0'.repeat(w - len) + s.slice(signLen);
  }
  return ' '.repeat(w - len) + s;
}

function formatInteger(n: bigint, verb: string, spec: Spec): string {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (spec.sharp) prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (spec.sharp) prefix = verb === 'X' ? '0X' : '0x';
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && abs === 0n) digits = '';
    else digits = digits.padStart(spec.prec, '0');
  } else if (spec.zero && !spec.minus && spec.width !== undefined) {
    const signLen = neg || spec.plus || spec.space ? 1 : 0;
    digits = digits.padStart(spec.width - signLen - prefix.length, '0');
  }
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + prefix + digits, { ...spec, zero: false }, false);
}

function formatFloat(x: number, verb: string, spec: Spec): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloatG(x, spec.prec ?? -1, verb === 'G');
      break;
    case 'e':
    case 'E':
      s = formatFloatE(x, spec.prec ?? 6, verb === 'E');
      break;
    default:
      s = formatFloatF(x, spec.prec ?? 6);
  }
  if (spec.plus && !s.startsWith('-') && !s.startsWith('+')) s = '+' + s;
  else if (spec.space && !s.startsWith('-') && !s.startsWith('+')) s = ' ' + s;
  return pad(s, spec, Number.isFinite(x));
}

function hexOfString(s: string, spec: Spec, upper: boolean): string {
  const bytes = [...Buffer.from(s, 'utf8')].map((b) => {
    const h = b.toString(16).padStart(2, '0');
    return upper ? h.toUpperCase() : h;
  });
  const px = spec.sharp ? (upper ? '0X' : '0x') : '';
  if (spec.space) return bytes.map((b) => px + b).join(' ');
  return px + bytes.join('');
}

function formatOne(a: GoArg, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(typeLabel(a), spec, false);
  switch (a.kind) {
    case 'int':
    case 'bigint':
      switch (verb) {
        case 'v':
        case 'd':
        case 'b':
        case 'o':
        case 'O':
        case 'x':
        case 'X':
          return formatInteger(a.v, verb, spec);
        case 'c':
          if (a.kind === 'int') return pad(String.fromCodePoint(Number(a.v)), spec, false);
          break;
        case 'q':
          if (a.kind === 'int') return pad(`'${String.fromCodePoint(Number(a.v))}'`, spec, false);
          break;
        case 'U':
          if (a.kind === 'int') return pad('U+' + a.v.toString(16).toUpperCase().padStart(4, '0'), spec, false);
          break;
      }
      return badVerb(verb, a);
    case 'float':
      if ('vgGeEfF'.includes(verb)) return formatFloat(a.v, verb, spec);
      return badVerb(verb, a);
    case 'string': {
      switch (verb) {
        case 'v':
        case 's': {
          const s = spec.prec !== undefined ? Array.from(a.v).slice(0, spec.prec).join('') : a.v;
          return pad(s, spec, false);
        }
        case 'q':
          return pad(goQuote(a.v), spec, false);
        case 'x':
        case 'X':
          return pad(hexOfString(a.v, spec, verb === 'X'), spec, false);
      }
      return badVerb(verb, a);
    }
  }
}

/** Go's fmt.Sprintf over Rego values. */
export function goSprintf(format: string, values: Value[]): string {
  const args = values.map(toGoArg);
  let out = '';
  let argNum = 0;
  let reordered = false;
  const chars = Array.from(format);
  let i = 0;
  const readNumber = (): number | undefined => {
    let s = '';
    while (i < chars.length && /[0-9]/.test(chars[i]!)) s += chars[i++];
    return s === '' ? undefined : Number(s);
  };
  const readIndex = (): boolean => {
    if (chars[i] !== '[') return true;
    const close = chars.indexOf(']', i);
    if (close < 0) return false;
    const n = Number(chars.slice(i + 1, close).join(''));
    i = close + 1;
    if (!Number.isInteger(n) || n < 1 || n > args.length) return false;
    argNum = n - 1;
    reordered = true;
    return true;
  };
  while (i < chars.length) {
    const c = chars[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined };
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '+') spec.plus = true;
      else if (f === '-') spec.minus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = true;
      else break;
    }
    let goodIndex = readIndex();
    if (chars[i] === '*') {
      i++;
      const w = args[argNum++];
      if (w?.kind === 'int') {
        spec.width = Number(w.v);
        if (spec.width < 0) {
          spec.minus = true;
          spec.width = -spec.width;
        }
      } else out += '%!(BADWIDTH)';
    } else {
      spec.width = readNumber();
    }
    if (chars[i] === '.') {
      i++;
      goodIndex = goodIndex && readIndex();
      if (chars[i] === '*') {
        i++;
        const p = args[argNum++];
        if (p?.kind === 'int' && p.v >= 0n) spec.prec = Number(p.v);
        else out += '%!(BADPREC)';
      } else {
        spec.prec = readNumber() ?? 0;
      }
    }
    goodIndex = goodIndex && readIndex();
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++]!;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(args[argNum++]!, verb, spec);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => `${typeLabel(a)}=${plainValue(a)}`).join(', ') + ')';
  }
  return out;
}
