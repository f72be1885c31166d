import { describe, expect, it } from 'vitest';
import { isOrgId, sameId, toId18 } from '../../../src/collect/salesforce/ids.js';

describe('toId18', () => {
  it('appends the case checksum of each 5-character chunk', () => {
    // Salesforce's documented example org id.
    expect(toId18('00D000000000062')).toBe('00D000000000062EAA');
    // Upper case at chunk positions: "00D5g" → D at 2 → E; "00004" → A; "PRDa" chunk "4PRDa" → P,R,D at 1..3 → 14 → O.
    expect(toId18('00D5g000004PRDa')).toBe('00D5g000004PRDaEAO');
    expect(toId18('ABCDEABCDEABCDE')).toBe('ABCDEABCDEABCDE555');
  });

  it('keeps 18-character ids and rejects anything else', () => {
    expect(toId18('00D7Q000001UATbUAO')).toBe('00D7Q000001UATbUAO');
    expect(() => toId18('00D7Q')).toThrow(/not a Salesforce id/);
    expect(() => toId18('00D7Q000001UAT!')).toThrow(/not a Salesforce id/);
  });

  it('compares 15- and 18-character forms and recognises org ids', () => {
    expect(sameId('04v5g000000PAcc', '04v5g000000PAccAAG')).toBe(true);
    expect(sameId('04v5g000000PAcd', '04v5g000000PAccAAG')).toBe(false);
    expect(isOrgId('00D7Q000001UATb')).toBe(true);
    expect(isOrgId('0GQ5g0000000001GAA')).toBe(false);
  });
});
