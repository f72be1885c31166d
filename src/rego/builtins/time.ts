/** time.* builtins: nanosecond timestamps, Go layouts, time zones, calendar arithmetic. */
import type { Value } from '../value.js';
import { def, int, operandTypeError, str } from './args.js';
import { checkZone, formatWall, fromWall, NAMED_LAYOUTS, wallClock, WEEKDAYS, type Wall } from './golayout.js';
import { parseDuration, parseWithLayout, TimeParseError } from './goparse.js';
import { BuiltinError, type Builtin } from './types.js';

const MIN_NS = -(2n ** 63n);
const MAX_NS = 2n ** 63n - 1n;

interface ZonedTime {
  ns: bigint;
  tz: string;
  layout: string;
}

/** OPA's tzTime: a number of ns, or [ns], [ns, tz] or [ns, tz, layout]. */
function zoned(name: string, v: Value): ZonedTime {
  let n: Value;
  let tz = '';
  let layout = '';
  const want = 'either number (ns) or [number (ns), string (tz)]';
  if (Array.isArray(v)) {
    if (v.length === 0) throw operandTypeError(name, 1, v, want);
    n = v[0]!;
    if (typeof n !== 'number') throw operandTypeError(name, 1, n, 'number');
    if (v.length > 1) {
      if (typeof v[1] !== 'string') throw operandTypeError(name, 1, v[1]!, 'string');
      tz = v[1];
    }
    if (v.length > 2) {
      if (typeof v[2] !== 'string') throw operandTypeError(name, 1, v[2]!, 'string');
      layout = v[2];
    }
  } else if (typeof v === 'number') {
    n = v;
  } else {
    throw operandTypeError(name, 1, v, want);
  }
  if (!Number.isInteger(n) || Math.abs(n) > 2 ** 63) throw new BuiltinError(name, 'timestamp too big');
  try {
    checkZone(tz);
  } catch (e) {
    throw new BuiltinError(name, (e as Error).message);
  }
  // String(n) is the shortest decimal form, so 1703444325734390000 stays exact instead of ...016.
  const ns = BigInt(String(n));
  return { ns: ns > MAX_NS ? MAX_NS : ns, tz, layout };
}

function safeNs(name: string, ns: bigint): number {
  if (ns < MIN_NS || ns > MAX_NS) throw new BuiltinError(name, 'time outside of valid range');
  return Number(ns);
}

function parsing<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TimeParseError) throw new BuiltinError(name, e.message);
    throw e;
  }
}

function wallOf(name: string, v: Value): Wall {
  const z = zoned(name, v);
  return wallClock(z.ns, z.tz);
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, 32);
  return 32 - d.getUTCDate();
}

export const TIME_BUILTINS: Builtin[] = [
  def('time.now_ns', 0, (_args, ctx) => Number(ctx.nowNs), true),
  def('time.parse_ns', 2, (args) => {
    const layout = str('time.parse_ns', args, 1);
    const value = str('time.parse_ns', args, 2);
    const ns = parsing('time.parse_ns', () => parseWithLayout(NAMED_LAYOUTS[layout] ?? layout, value));
    return safeNs('time.parse_ns', ns);
  }),
  def('time.parse_rfc3339_ns', 1, (args) => {
    const value = str('time.parse_rfc3339_ns', args, 1);
    const ns = parsing('time.parse_rfc3339_ns', () => parseWithLayout(NAMED_LAYOUTS.RFC3339!, value));
    return safeNs('time.parse_rfc3339_ns', ns);
  }),
  def('time.parse_duration_ns', 1, (args) =>
    parsing('time.parse_duration_ns', () => parseDuration(str('time.parse_duration_ns', args, 1))),
  ),
  def('time.format', 1, ([v]) => {
    const z = zoned('time.format', v!);
    const layout = z.layout === '' ? NAMED_LAYOUTS.RFC3339Nano! : (NAMED_LAYOUTS[z.layout] ?? z.layout);
    return formatWall(wallClock(z.ns, z.tz), layout);
  }),
  def('time.date', 1, ([v]) => {
    const w = wallOf('time.date', v!);
    return [w.year, w.month, w.day];
  }),
  def('time.clock', 1, ([v]) => {
    const w = wallOf('time.clock', v!);
    return [w.hour, w.minute, w.second];
  }),
  def('time.weekday', 1, ([v]) => WEEKDAYS[wallOf('time.weekday', v!).weekday]!),
  def('time.add_date', 4, (args) => {
    const z = zoned('time.add_date', args[0]!);
    const years = int('time.add_date', args, 2);
    const months = int('time.add_date', args, 3);
    const days = int('time.add_date', args, 4);
    const w = wallClock(z.ns, z.tz);
    let ns: bigint;
    try {
      ns = fromWall(w.year + years, w.month + months, w.day + days, w.hour, w.minute, w.second, w.nanos, z.tz);
    } catch (e) {
      if (e instanceof RangeError) throw new BuiltinError('time.add_date', 'time outside of valid range');
      throw e;
    }
    return safeNs('time.add_date', ns);
  }),
  def('time.diff', 2, (args) => {
    const a = zoned('time.diff', args[0]!);
    const b = zoned('time.diff', args[1]!);
    const [t1, t2] = a.ns > b.ns ? [b.ns, a.ns] : [a.ns, b.ns];
    const w1 = wallClock(t1, a.tz);
    const w2 = wallClock(t2, a.tz);
    let year = w2.year - w1.year;
    let month = w2.month - w1.month;
    let day = w2.day - w1.day;
    let hour = w2.hour - w1.hour;
    let min = w2.minute - w1.minute;
    let sec = w2.second - w1.second;
    if (sec < 0) { sec += 60; min--; }
    if (min < 0) { min += 60; hour--; }
    if (hour < 0) { hour += 24; day--; }
    if (day < 0) { day += daysInMonth(w1.year, w1.month); month--; }
    if (month < 0) { month += 12; year--; }
    return [year, month, day, hour, min, sec];
  }),
];
