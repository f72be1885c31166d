import { describe, expect, it } from 'vitest';
import { call, callJSON, errorOf, set } from './helpers.js';

describe('net.cidr_contains and net.cidr_intersects', () => {
  it('checks IPs and networks against a network', () => {
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.2.0.0/16')).toBe(true);
    expect(call('net.cidr_contains', '10.2.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(call('net.cidr_contains', '0.0.0.0/0', '203.0.113.9')).toBe(true);
    expect(call('net.cidr_contains', '2001:db8::/32', '2001:db8:1::1')).toBe(true);
    expect(call('net.cidr_contains', '2001:db8::/32', '10.0.0.1')).toBe(false);
    expect(errorOf('net.cidr_contains', '10.0.0.0', '10.0.0.1')).toBe('net.cidr_contains: invalid CIDR address: 10.0.0.0');
  });

  it('detects overlapping networks', () => {
    expect(call('net.cidr_intersects', '192.168.0.0/16', '192.168.1.0/24')).toBe(true);
    expect(call('net.cidr_intersects', '192.168.0.0/24', '192.168.1.0/24')).toBe(false);
    expect(call('net.cidr_intersects', 'fd00::/8', 'fd12::/16')).toBe(true);
  });

  it('validates CIDR notation', () => {
    expect(call('net.cidr_is_valid', '10.0.0.0/8')).toBe(true);
    expect(call('net.cidr_is_valid', '10.0.0.0/33')).toBe(false);
    expect(call('net.cidr_is_valid', '010.0.0.0/8')).toBe(false);
    expect(call('net.cidr_is_valid', '::1/128')).toBe(true);
    expect(call('net.cidr_is_valid', '::ffff:10.0.0.1/120')).toBe(true);
    expect(call('net.cidr_is_valid', 'nonsense')).toBe(false);
  });
});

describe('net.cidr_expand and net.cidr_merge', () => {
  it('lists every address of a small network', () => {
    expect(callJSON('net.cidr_expand', '192.168.1.0/30')).toEqual(['192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3']);
    expect(callJSON('net.cidr_expand', '2001:db8::/127')).toEqual(['2001:db8::', '2001:db8::1']);
    expect(errorOf('net.cidr_expand', '10.0.0.0/8')).toMatch(/more than the 65536/);
  });

  it('merges adjacent and overlapping networks', () => {
    expect(callJSON('net.cidr_merge', ['192.0.128.0/24', '192.0.129.0/24'])).toEqual(['192.0.128.0/23']);
    expect(callJSON('net.cidr_merge', set('10.0.0.0/8', '10.1.0.0/16', '12.0.0.1'))).toEqual(['10.0.0.0/8', '12.0.0.1/32']);
    expect(callJSON('net.cidr_merge', ['10.0.0.1', '10.0.0.2'])).toEqual(['10.0.0.1/32', '10.0.0.2/32']);
    expect(errorOf('net.cidr_merge', ['bogus'])).toBe('net.cidr_merge: IPv4 or IPv6 address or CIDR expected: bogus');
  });
});
