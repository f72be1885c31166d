/** Parsing of time strings against Go layouts, as Go's time.Parse (UTC default location). */
import { fromWall, MONTHS, tokenize, WEEKDAYS } from './golayout.js';

export class TimeParseError extends Error {}

function quote(s: string): string {
  return JSON.stringify(s);
}

function daysIn(month: number, year: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Parses value with a Go layout; returns epoch nanoseconds. */
export function parseWithLayout(layout: string, value: string): bigint {
  const fail = (elem: string, rest: string, extra = ''): never => {
    throw new TimeParseError(
      extra
        ? `parsing time ${quote(value)}${extra}`
        : `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(elem)}`,
    );
  };
  let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0;
  let pm: boolean | undefined;
  let offsetSec: number | undefined;
  let yday = -1;
  let rest = value;
  const num = (elem: string, min: number, max: number): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(rest);
    if (!m) fail(elem, rest);
    rest = rest.slice(m![0].length);
    return Number(m![0]);
  };
  const word = (elem: string, names: string[], len?: number): number => {
    const idx = names.findIndex((n) => {
      const cand = len ? n.slice(0, len) : n;
      return rest.slice(0, cand.length).toLowerCase() === cand.toLowerCase();
    });
    if (idx < 0) fail(elem, rest);
    rest = rest.slice(len ?? names[idx]!.length);
    return idx;
  };
  const tokens = tokenize(layout);
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!;
    if ('lit' in t) {
      const lit = t.lit;
      if (!rest.startsWith(lit)) fail(lit, rest);
      rest = rest.slice(lit.length);
      continue;
    }
    const s = t.std;
    switch (s) {
      case 'January': month = word(s, MONTHS) + 1; break;
      case 'Jan': month = word(s, MONTHS, 3) + 1; break;
      case 'Monday': word(s, WEEKDAYS); break;
      case 'Mon': word(s, WEEKDAYS, 3); break;
      case '2006': year = num(s, 4, 4); break;
      case '06': { const y = num(s, 2, 2); year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case '01': month = num(s, 2, 2); break;
      case '1': month = num(s, 1, 2); break;
      case '02': day = num(s, 2, 2); break;
      case '_2': if (rest.startsWith(' ')) rest = rest.slice(1); day = num(s, 1, 2); break;
      case '2': day = num(s, 1, 2); break;
      case '002': yday = num(s, 3, 3); break;
      case '__2': rest = rest.replace(/^ {0,2}/, ''); yday = num(s, 1, 3); break;
      case '15': hour = num(s, 1, 2); if (hour > 23) fail(s, rest, ': hour out of range'); break;
      case '03': case '3': hour = num(s, s.length, 2); if (hour < 0 || hour > 12) fail(s, rest, ': hour out of range'); break;
      case '04': case '4': minute = num(s, s.length, 2); if (minute > 59) fail(s, rest, ': minute out of range'); break;
      case '05': case '5': {
        second = num(s, s.length, 2);
        if (second > 59) fail(s, rest, ': second out of range');
        const next = tokens[ti + 1];
        const nextIsFrac = next !== undefined && 'std' in next && /^[.,]/.test(next.std);
        const frac = /^[.,]([0-9]+)/.exec(rest);
        if (frac && !nextIsFrac) {
          nanos = Number(frac[1]!.slice(0, 9).padEnd(9, '0'));
          rest = rest.slice(frac[0].length);
        }
        break;
      }
      case 'PM': case 'pm': {
        const ap = rest.slice(0, 2).toUpperCase();
        if (ap !== 'AM' && ap !== 'PM') fail(s, rest);
        pm = ap === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT([+-][0-9]{1,2})?|[A-Z]{3,5}|[+-][0-9]{2,4})/.exec(rest);
        if (!m) fail(s, rest);
        rest = rest.slice(m![0].length);
        if (m![2]) offsetSec = Number(m![2]) * 3600;
        else if (offsetSec === undefined) offsetSec = 0;
        break;
      }
      default:
        if (s[0] === '.' || s[0] === ',') {
          const digits = s.length - 1;
          const re = s[1] === '0' ? new RegExp(`^[.,]([0-9]{${digits}})`) : /^[.,]([0-9]+)/;
          const m = re.exec(rest);
          if (!m) {
            if (s[1] === '9') break;
            fail(s, rest);
          }
          nanos = Number(m![1]!.slice(0, 9).padEnd(9, '0'));
          rest = rest.slice(m![0].length);
        } else {
          if (s[0] === 'Z' && rest[0] === 'Z') {
            rest = rest.slice(1);
            offsetSec = 0;
            break;
          }
          const body = s.slice(1);
          const shapes: Record<string, RegExp> = {
            '07': /^([+-])([0-9]{2})/,
            '0700': /^([+-])([0-9]{2})([0-9]{2})/,
            '07:00': /^([+-])([0-9]{2}):([0-9]{2})/,
            '070000': /^([+-])([0-9]{2})([0-9]{2})([0-9]{2})/,
            '07:00:00': /^([+-])([0-9]{2}):([0-9]{2}):([0-9]{2})/,
          };
          const m = shapes[body]!.exec(rest);
          if (!m) fail(s, rest);
          rest = rest.slice(m![0].length);
          const sec = Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0);
          offsetSec = m![1] === '-' ? -sec : sec;
        }
    }
  }
  if (rest !== '') throw new TimeParseError(`parsing time ${quote(value)}: extra text: ${quote(rest)}`);
  if (pm !== undefined) {
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  if (yday >= 0) {
    const d = new Date(0);
    d.setUTCFullYear(year, 0, yday);
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  if (month < 1 || month > 12) fail('', '', ': month out of range');
  if (day < 1 || day > daysIn(month, year)) fail('', '', ': day out of range');
  const utc = fromWall(year, month, day, hour, minute, second, nanos, 'UTC');
  return utc - BigInt(offsetSec ?? 0) * 1_000_000_000n;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(s: string): number {
  const orig = s;
  const bad = (): never => {
    throw new TimeParseError(`time: invalid duration ${quote(orig)}`);
  };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') bad();
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (m[1] === '' && (m[3] === undefined || m[3] === '')) bad();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) throw new TimeParseError(`time: missing unit in duration ${quote(orig)}`);
    const unit = DURATION_UNITS[u[0]];
    if (unit === undefined) throw new TimeParseError(`time: unknown unit ${quote(u[0])} in duration ${quote(orig)}`);
    s = s.slice(u[0].length);
    total += Number(m[1] || '0') * unit + (m[3] ? Number('0.' + m[3]) * unit : 0);
  }
  if (total > 9223372036854775807) bad();
  return neg ? -Math.round(total) : Math.round(total);
}
