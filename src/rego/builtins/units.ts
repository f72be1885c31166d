/** units.parse (SI and binary suffixes, "m" = milli) and units.parse_bytes (integer byte counts). */
import { def, str } from './args.js';
import { BuiltinError, type Builtin } from './types.js';

const K = 1e3;
const KI = 1024;
const DECIMAL: Record<string, number> = { k: K, m: K ** 2, g: K ** 3, t: K ** 4, p: K ** 5, e: K ** 6 };
const BINARY: Record<string, number> = { ki: KI, mi: KI ** 2, gi: KI ** 3, ti: KI ** 4, pi: KI ** 5, ei: KI ** 6 };

/** OPA's extractNumAndUnit: a numeric prefix (digits, '.', exponent) and the unit after it. */
function splitAmount(name: string, raw: string, what: string): [string, string] {
  const s = raw.replaceAll('"', '');
  if (s.includes(' ')) throw new BuiltinError(name, 'spaces not allowed in resource strings');
  let cut = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (!/[0-9.eE+-]/.test(c)) {
      cut = i;
      break;
    }
    if (c === 'e' || c === 'E') {
      const next = s[i + 1];
      if (next === undefined || !/[0-9+-]/.test(next)) {
        cut = i;
        break;
      }
      if (next === '+' || next === '-') i++;
      const digits = /^[0-9]*/.exec(s.slice(i + 1))![0];
      if (digits.length > 6) throw new BuiltinError(name, 'exponent too large');
    }
  }
  const [num, unit] = cut < 0 ? [s, ''] : [s.slice(0, cut), s.slice(cut)];
  if (num === '') throw new BuiltinError(name, `no ${what}amount provided`);
  return [num, unit];
}

function amount(name: string, text: string, what: string): number {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) {
    throw new BuiltinError(name, `could not parse ${what}amount to a number`);
  }
  return Number(text);
}

export function parseUnits(raw: string): number {
  const name = 'units.parse';
  const [num, unitRaw] = splitAmount(name, raw, '');
  const unit = unitRaw.length > 1 ? unitRaw[0] + unitRaw.slice(1).toLowerCase() : unitRaw;
  let factor: number;
  if (unit === '') factor = 1;
  else if (unit === 'm') return amount(name, num, '') / 1000;
  else if (unit === 'M') factor = DECIMAL.m!;
  else if (/^[kgtpeKGTPE]$/.test(unit)) factor = DECIMAL[unit.toLowerCase()]!;
  else if (/^[kmgtpeKMGTPE]i$/.test(unit)) factor = BINARY[unit.toLowerCase()]!;
  else throw new BuiltinError(name, `unit ${unit} not recognized`);
  return amount(name, num, '') * factor;
}

export function parseBytes(raw: string): number {
  const name = 'units.parse_bytes';
  const [num, unitRaw] = splitAmount(name, raw.toLowerCase(), 'byte ');
  const unit = unitRaw.replace(/b$/, '');
  let factor: number | undefined;
  if (unitRaw === '') factor = 1;
  else if (unitRaw !== 'b' && unit.length === 1) factor = DECIMAL[unit];
  else if (unit.length === 2) factor = BINARY[unit];
  if (factor === undefined) throw new BuiltinError(name, `byte unit ${unitRaw} not recognized`);
  return Math.trunc(amount(name, num, 'byte ') * factor);
}

export const UNIT_BUILTINS: Builtin[] = [
  def('units.parse', 1, (args) => parseUnits(str('units.parse', args, 1))),
  def('units.parse_bytes', 1, (args) => parseBytes(str('units.parse_bytes', args, 1))),
];
