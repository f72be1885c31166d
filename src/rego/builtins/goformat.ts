/**
 * Go-compatible text formatting used by several builtins: strconv.Quote, Go's float formatting
 * ('g' shortest, %e, %f), and the Rego text form of values (OPA's ast String()).
 */
import { RegoObject, RegoSet, type Value } from '../value.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** Shortest round-trip decimal digits and exponent: value = 0.d1d2d3... × 10^dp. */
function shortestDigits(x: number): { digits: string; dp: number } {
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  return { digits, dp: Number(exp) + 1 };
}

function expSuffix(e: number, upper: boolean): string {
  const sign = e < 0 ? '-' : '+';
  const abs = Math.abs(e);
  return (upper ? 'E' : 'e') + sign + (abs < 10 ? '0' + abs : String(abs));
}

/**
 * Go rounds exact decimal ties to even ("%.2f" of 0.125 is 0.12); JavaScript's toFixed and
 * toExponential round them up. Returns the value truncated at `digitsAfterPoint` when it is an exact
 * tie whose truncation ends in an even digit, otherwise abs unchanged.
 */
function halfEven(abs: number, digitsAfterPoint: number): number {
  if (abs >= 1e21) return abs;
  const full = abs.toFixed(100);
  const intLen = full.indexOf('.');
  const digits = full.slice(0, intLen) + full.slice(intLen + 1);
  const cut = intLen + digitsAfterPoint;
  if (cut < 0 || cut >= digits.length || !/^50*$/.test(digits.slice(cut))) return abs;
  const last = cut > 0 ? Number(digits[cut - 1]) : 0;
  if (last % 2 !== 0) return abs;
  const text = cut >= intLen ? digits.slice(0, intLen) + '.' + digits.slice(intLen, cut) : digits.slice(0, cut) + '0'.repeat(intLen - cut);
  return Number(text);
}

/** strconv.FormatFloat(x, 'e', prec, 64); prec -1 = shortest. */
export function formatFloatE(x: number, prec: number, upper = false): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  const abs = Math.abs(x);
  const exp10 = abs === 0 ? 0 : Number(abs.toExponential().split('e')[1]);
  const s = prec < 0 ? abs.toExponential() : halfEven(abs, prec - exp10).toExponential(Math.min(prec, 100));
  const [mant, exp] = s.split('e') as [string, string];
  return (x < 0 || Object.is(x, -0) ? '-' : '') + mant + expSuffix(Number(exp), upper);
}

/** strconv.FormatFloat(x, 'f', prec, 64); prec -1 = shortest. */
export function formatFloatF(x: number, prec: number): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  if (prec < 0) {
    const { digits, dp } = shortestDigits(abs);
    if (abs === 0) return sign + '0';
    if (dp <= 0) return sign + '0.' + '0'.repeat(-dp) + digits;
    if (dp >= digits.length) return sign + digits + '0'.repeat(dp - digits.length);
    return sign + digits.slice(0, dp) + '.' + digits.slice(dp);
  }
  if (abs >= 1e21) {
    const int = BigInt(Math.trunc(abs)).toString();
    return sign + int + (prec > 0 ? '.' + '0'.repeat(prec) : '');
  }
  return sign + halfEven(abs, prec).toFixed(Math.min(prec, 100));
}

/** strconv.FormatFloat(x, 'g', prec, 64); prec -1 = shortest (Go's %v for float64). */
export function formatFloatG(x: number, prec: number, upper = false): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  let digits: string;
  let dp: number;
  let eprec: number;
  if (prec < 0) {
    ({ digits, dp } = shortestDigits(x));
    eprec = 6;
  } else {
    const p = prec === 0 ? 1 : prec;
    const abs = Math.abs(x);
    const exp10 = Number(abs.toExponential().split('e')[1]);
    const [mant, exp] = halfEven(abs, p - 1 - exp10).toExponential(p - 1).split('e') as [string, string];
    digits = mant.replace('.', '').replace(/0+$/, '') || '0';
    dp = Number(exp) + 1;
    eprec = p;
    if (eprec > digits.length && digits.length >= dp) eprec = digits.length;
  }
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return sign + mant + expSuffix(exp, upper);
  }
  if (dp <= 0) return sign + '0.' + '0'.repeat(-dp) + digits;
  if (dp >= digits.length) return sign + digits + '0'.repeat(dp - digits.length);
  return sign + digits.slice(0, dp) + '.' + digits.slice(dp);
}

function formatNonFinite(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
}

/** A number as OPA prints it in Rego text and JSON: integers in full, other values in shortest form. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  return String(n);
}

/** The Rego text form of a value (OPA's ast String()): strings quoted, sets as `{...}` or `set()`. */
export function regoText(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return numberText(v);
    case 'string':
      return goQuote(v);
  }
  if (Array.isArray(v)) return '[' + v.map(regoText).join(', ') + ']';
  if (v instanceof RegoSet) return v.size === 0 ? 'set()' : '{' + v.sorted().map(regoText).join(', ') + '}';
  const o = v as RegoObject;
  return '{' + o.sortedKeys().map((k) => `${regoText(k)}: ${regoText(o.get(k)!)}`).join(', ') + '}';
}
