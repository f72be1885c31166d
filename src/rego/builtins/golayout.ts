/**
 * Go time layouts ("2006-01-02T15:04:05Z07:00"): tokenising, formatting and parsing, plus the
 * time-zone arithmetic the time.* builtins need (IANA zones through Intl).
 */

export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
};

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { lit: string } | { std: string };

const STD = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '002', '01', '02', '03', '04', '05', '06', '15', '__2', '_2',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
  'PM', 'pm', '1', '2', '3', '4', '5',
];

export function tokenize(layout: string): Token[] {
  const out: Token[] = [];
  let lit = '';
  let i = 0;
  outer: while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      if (lit) out.push({ lit });
      lit = '';
      out.push({ std: frac[0] });
      i += frac[0].length;
      continue;
    }
    for (const s of STD) {
      if (layout.startsWith(s, i)) {
        if (s === '_2' && layout.startsWith('_2006', i)) break; // "_" is literal before a long year
        if (lit) out.push({ lit });
        lit = '';
        out.push({ std: s });
        i += s.length;
        continue outer;
      }
    }
    lit += layout[i];
    i++;
  }
  if (lit) out.push({ lit });
  return out;
}

/** Broken-down wall-clock time in some zone. */
export interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number; // 0 = Sunday
  yday: number;
  offsetSec: number;
  zoneAbbr: string;
}

const NS_PER_MS = 1_000_000n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

export function checkZone(tz: string): void {
  if (tz === '' || tz === 'UTC' || tz === 'Local') return;
  if (!zoneFormatters.has(tz)) {
    try {
      zoneFormatters.set(tz, new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
      }));
    } catch {
      throw new Error(`unknown time zone ${tz}`);
    }
  }
}

/** Offset from UTC in seconds of zone tz at the instant epochMs. */
export function zoneOffsetSec(tz: string, epochMs: number): number {
  if (tz === '' || tz === 'UTC') return 0;
  if (tz === 'Local') return -new Date(epochMs).getTimezoneOffset() * 60;
  checkZone(tz);
  const parts = zoneFormatters.get(tz)!.formatToParts(new Date(epochMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 1000);
}

const abbrFormatters = new Map<string, Intl.DateTimeFormat[]>();

/** Go prints a zone's abbreviation (EST, BST) when tzdata has one, else the offset such as "+03" or "+0530". */
function zoneAbbr(tz: string, offsetSec: number, epochMs: number): string {
  if (tz === '' || tz === 'UTC') return 'UTC';
  if (tz !== 'Local') {
    let fmts = abbrFormatters.get(tz);
    if (!fmts) {
      fmts = ['en-US', 'en-GB'].map((l) => new Intl.DateTimeFormat(l, { timeZone: tz, timeZoneName: 'short' }));
      abbrFormatters.set(tz, fmts);
    }
    for (const f of fmts) {
      const name = f.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
      if (/^[A-Z]{3,5}$/.test(name) && (name !== 'GMT' || offsetSec === 0)) return name;
    }
  }
  const sign = offsetSec < 0 ? '-' : '+';
  const abs = Math.abs(offsetSec);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return sign + String(h).padStart(2, '0') + (m ? String(m).padStart(2, '0') : '');
}

export function wallClock(ns: bigint, tz: string): Wall {
  const ms = floorDiv(ns, NS_PER_MS);
  const offsetSec = zoneOffsetSec(tz, Number(ms));
  const d = new Date(Number(ms) + offsetSec * 1000);
  const nanos = Number(ns - floorDiv(ns, 1_000_000_000n) * 1_000_000_000n);
  const yearStart = new Date(0);
  yearStart.setUTCFullYear(d.getUTCFullYear(), 0, 1);
  const dayStart = new Date(0);
  dayStart.setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), nanos,
    weekday: d.getUTCDay(), yday: Math.round((dayStart.getTime() - yearStart.getTime()) / 86_400_000) + 1,
    offsetSec, zoneAbbr: zoneAbbr(tz, offsetSec, Number(ms)),
  };
}

/** Epoch nanoseconds of a wall-clock time given as (possibly unnormalised) fields in zone tz, as Go's time.Date. */
export function fromWall(y: number, mo: number, d: number, h: number, mi: number, s: number, nanos: number, tz: string): bigint {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const localMs = date.getTime();
  if (!Number.isFinite(localMs)) throw new RangeError('time outside of valid range');
  let offset = zoneOffsetSec(tz, localMs);
  offset = zoneOffsetSec(tz, localMs - offset * 1000);
  return BigInt(localMs - offset * 1000) * NS_PER_MS + BigInt(nanos);
}

function pad(n: number, width: number, ch = '0'): string {
  const s = String(Math.abs(n)).padStart(width, ch);
  return n < 0 ? '-' + s : s;
}

function formatOffset(std: string, off: number): string {
  if (std.startsWith('Z') && off === 0) return 'Z';
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const h = pad(Math.floor(abs / 3600), 2);
  const m = pad(Math.floor((abs % 3600) / 60), 2);
  const s = pad(abs % 60, 2);
  const body = std.slice(1);
  switch (body) {
    case '07': return sign + h;
    case '0700': return sign + h + m;
    case '07:00': return `${sign}${h}:${m}`;
    case '070000': return sign + h + m + s;
    default: return `${sign}${h}:${m}:${s}`;
  }
}

export function formatWall(w: Wall, layout: string): string {
  let out = '';
  for (const t of tokenize(layout)) {
    if ('lit' in t) {
      out += t.lit;
      continue;
    }
    const s = t.std;
    switch (s) {
      case 'January': out += MONTHS[w.month - 1]; break;
      case 'Jan': out += MONTHS[w.month - 1]!.slice(0, 3); break;
      case 'Monday': out += WEEKDAYS[w.weekday]; break;
      case 'Mon': out += WEEKDAYS[w.weekday]!.slice(0, 3); break;
      case 'MST': out += w.zoneAbbr; break;
      case '2006': out += pad(w.year, 4); break;
      case '06': out += pad(((w.year % 100) + 100) % 100, 2); break;
      case '002': out += pad(w.yday, 3); break;
      case '__2': out += pad(w.yday, 3, ' '); break;
      case '01': out += pad(w.month, 2); break;
      case '1': out += String(w.month); break;
      case '02': out += pad(w.day, 2); break;
      case '_2': out += pad(w.day, 2, ' '); break;
      case '2': out += String(w.day); break;
      case '15': out += pad(w.hour, 2); break;
      case '03': out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, 2); break;
      case '3': out += String(w.hour % 12 === 0 ? 12 : w.hour % 12); break;
      case '04': out += pad(w.minute, 2); break;
      case '4': out += String(w.minute); break;
      case '05': out += pad(w.second, 2); break;
      case '5': out += String(w.second); break;
      case 'PM': out += w.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += w.hour >= 12 ? 'pm' : 'am'; break;
      default:
        if (s[0] === '.' || s[0] === ',') {
          const digits = String(w.nanos).padStart(9, '0').slice(0, s.length - 1);
          if (s[1] === '0') out += s[0] + digits;
          else {
            const trimmed = String(w.nanos).padStart(9, '0').slice(0, s.length - 1).replace(/0+$/, '');
            if (trimmed) out += s[0] + trimmed;
          }
        } else {
          out += formatOffset(s, w.offsetSec);
        }
    }
  }
  return out;
}
