import { describe, expect, it } from 'vitest';
import { call, errorOf } from './helpers.js';

describe('units.parse', () => {
  it('applies decimal and binary suffixes, with m as milli and M as mega', () => {
    expect(call('units.parse', '1K')).toBe(1000);
    expect(call('units.parse', '1k')).toBe(1000);
    expect(call('units.parse', '1M')).toBe(1e6);
    expect(call('units.parse', '100m')).toBe(0.1);
    expect(call('units.parse', '1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(call('units.parse', '1mI')).toBe(2 ** 20);
    expect(call('units.parse', '1E')).toBe(1e18);
    expect(call('units.parse', '"10"')).toBe(10);
    expect(call('units.parse', '1e3')).toBe(1000);
  });

  it('rejects unknown units, spaces and missing amounts', () => {
    expect(errorOf('units.parse', '1Q')).toBe('units.parse: unit Q not recognized');
    expect(errorOf('units.parse', '1 K')).toBe('units.parse: spaces not allowed in resource strings');
    expect(errorOf('units.parse', 'K')).toBe('units.parse: no amount provided');
    expect(errorOf('units.parse', '1..2K')).toBe('units.parse: could not parse amount to a number');
  });
});

describe('units.parse_bytes', () => {
  it('returns whole bytes for decimal and binary units, case-insensitively', () => {
    expect(call('units.parse_bytes', '10KB')).toBe(10000);
    expect(call('units.parse_bytes', '10kib')).toBe(10240);
    expect(call('units.parse_bytes', '1Mi')).toBe(1048576);
    expect(call('units.parse_bytes', '1.5K')).toBe(1500);
    expect(call('units.parse_bytes', '2.7')).toBe(2);
    expect(call('units.parse_bytes', '1EiB')).toBe(2 ** 60);
  });

  it('rejects unknown units', () => {
    expect(errorOf('units.parse_bytes', '1qb')).toBe('units.parse_bytes: byte unit qb not recognized');
    expect(errorOf('units.parse_bytes', 'kb')).toBe('units.parse_bytes: no byte amount provided');
  });
});
