import { describe, expect, it } from 'vitest';
import { call, errorOf, NOW_NS } from './helpers.js';

const T = 1703444325734390000; // 2023-12-24T18:58:45.73439Z, a Sunday

describe('time.now_ns and parsing', () => {
  it('returns the query time from the context', () => {
    expect(call('time.now_ns')).toBe(Number(NOW_NS));
  });

  it('parses RFC 3339 with optional fractions and offsets', () => {
    expect(call('time.parse_rfc3339_ns', '2009-11-10T23:00:00Z')).toBe(1257894000000000000);
    expect(call('time.parse_rfc3339_ns', '2009-11-10T23:00:00.5Z')).toBe(1257894000500000000);
    expect(call('time.parse_rfc3339_ns', '2009-11-11T01:00:00+02:00')).toBe(1257894000000000000);
    expect(call('time.parse_rfc3339_ns', '1970-01-01T00:00:00Z')).toBe(0);
    expect(errorOf('time.parse_rfc3339_ns', '2009-11-10')).toMatch(/^time\.parse_rfc3339_ns: parsing time "2009-11-10"/);
    expect(errorOf('time.parse_rfc3339_ns', '2009-02-30T00:00:00Z')).toMatch(/day out of range/);
  });

  it('parses Go layouts and named layouts', () => {
    expect(call('time.parse_ns', '2006-01-02T15:04:05', '2016-05-10T19:06:42')).toBe(1462907202000000000);
    expect(call('time.parse_ns', '2006-01-02 15:04:05', '2015-09-05 23:56:04')).toBe(1441497364000000000);
    expect(call('time.parse_ns', 'Jan 2, 2006 at 3:04pm (MST)', 'Feb 3, 2013 at 7:54pm (UTC)')).toBe(1359921240000000000);
    expect(call('time.parse_ns', 'RFC1123Z', 'Mon, 02 Jan 2006 15:04:05 -0700')).toBe(1136239445000000000);
    expect(errorOf('time.parse_ns', '2006-01-02', 'x')).toBe(
      'time.parse_ns: parsing time "x" as "2006-01-02": cannot parse "x" as "2006"',
    );
  });

  it('parses Go durations', () => {
    expect(call('time.parse_duration_ns', '1h')).toBe(3600000000000);
    expect(call('time.parse_duration_ns', '1h6m13.3s20ms15µs1ns')).toBe(3973320015001);
    expect(call('time.parse_duration_ns', '-1.5h')).toBe(-5400000000000);
    expect(call('time.parse_duration_ns', '0')).toBe(0);
    expect(errorOf('time.parse_duration_ns', '10')).toBe('time.parse_duration_ns: time: missing unit in duration "10"');
    expect(errorOf('time.parse_duration_ns', '3d')).toBe('time.parse_duration_ns: time: unknown unit "d" in duration "3d"');
  });
});

describe('time.format', () => {
  it('defaults to RFC3339Nano in UTC', () => {
    expect(call('time.format', T)).toBe('2023-12-24T18:58:45.73439Z');
    expect(call('time.format', [1257894000000000000, ''])).toBe('2009-11-10T23:00:00Z');
  });

  it('formats with layouts and time zones', () => {
    expect(call('time.format', [T, 'UTC', '2006-01-02T15:04:05'])).toBe('2023-12-24T18:58:45');
    expect(call('time.format', [1257894000000000000, '', '02/01/2006 15:04'])).toBe('10/11/2009 23:00');
    expect(call('time.format', [T, 'America/New_York', '2006-01-02 15:04 -07:00'])).toBe('2023-12-24 13:58 -05:00');
    expect(call('time.format', [T, 'UTC', 'Mon Jan _2 3:04PM .000'])).toBe('Sun Dec 24 6:58PM .734');
    expect(call('time.format', [T, 'UTC', 'RFC822'])).toBe('24 Dec 23 18:58 UTC');
  });

  it('rejects unknown zones and non-integer timestamps', () => {
    expect(errorOf('time.format', [T, 'Mars/Base'])).toBe('time.format: unknown time zone Mars/Base');
    expect(errorOf('time.format', 'x')).toBe(
      'time.format: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string',
    );
    expect(errorOf('time.format', 1.5)).toBe('time.format: timestamp too big');
  });
});

describe('calendar functions', () => {
  it('splits timestamps into date, clock and weekday', () => {
    expect(call('time.date', T)).toEqual([2023, 12, 24]);
    expect(call('time.clock', T)).toEqual([18, 58, 45]);
    expect(call('time.weekday', T)).toBe('Sunday');
    expect(call('time.date', [T, 'Asia/Tokyo'])).toEqual([2023, 12, 25]);
    expect(call('time.clock', [T, 'Asia/Kolkata'])).toEqual([0, 28, 45]);
    expect(call('time.date', -1)).toEqual([1969, 12, 31]);
  });

  it('adds years, months and days with Go normalisation', () => {
    expect(call('time.add_date', T, 1, 0, 0)).toBe(1735066725734390000);
    expect(call('time.add_date', T, -60, 0, 0)).toBe(-190011674265610000);
    expect(call('time.add_date', T, 0, 15, 0)).toBe(1742842725734390000);
    expect(call('time.add_date', T, 0, 0, 16)).toBe(1704826725734390000);
    const jan31 = call('time.parse_rfc3339_ns', '2023-01-31T00:00:00Z')!;
    expect(call('time.format', call('time.add_date', jan31, 0, 1, 0)!)).toBe('2023-03-03T00:00:00Z');
    expect(errorOf('time.add_date', T, 2147483647, 0, 0)).toBe('time.add_date: time outside of valid range');
  });

  it('diffs two times as years, months, days, hours, minutes, seconds', () => {
    const a = call('time.parse_rfc3339_ns', '2021-01-31T10:00:00Z')!;
    const b = call('time.parse_rfc3339_ns', '2022-03-01T09:30:15Z')!;
    // Borrowing a day takes the length of the earlier month (January: 31 days), as OPA does.
    expect(call('time.diff', a, b)).toEqual([1, 1, 0, 23, 30, 15]);
    expect(call('time.diff', b, a)).toEqual([1, 1, 0, 23, 30, 15]);
    expect(call('time.diff', a, a)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('zone abbreviations', () => {
  it('prints tzdata abbreviations, or the offset where a zone has none', () => {
    expect(call('time.format', [T, 'America/New_York', 'MST'])).toBe('EST');
    expect(call('time.format', [1690000000000000000, 'Europe/London', 'MST'])).toBe('BST');
    expect(call('time.format', [T, 'America/Sao_Paulo', 'MST -0700'])).toBe('-03 -0300');
  });
});
