import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { finalizeFindings } from '../../src/findings/finalize.js';
import { fingerprint } from '../../src/findings/fingerprint.js';
import { raw, rule } from './helpers.js';

const catalog = [rule('SCV-DATA-001', 'high', 3), rule('SCV-ACCT-001', 'critical', 5), rule('SCV-OBS-002', 'low', 7)];

describe('finalizeFindings', () => {
  it('takes severity from the catalog and fingerprints by rule and resource', () => {
    const [f] = finalizeFindings([raw('SCV-DATA-001', 'arn:aws:s3:::a')], catalog);
    expect(f).toEqual({
      ruleId: 'SCV-DATA-001',
      severity: 'high',
      message: 'SCV-DATA-001 on arn:aws:s3:::a',
      resource: { type: 'aws-s3-bucket', id: 'arn:aws:s3:::a' },
      related: [],
      fingerprint: fingerprint('SCV-DATA-001', { type: 'aws-s3-bucket', id: 'arn:aws:s3:::a' }),
      location: { file: 'policies/test/scv_data_001.rego', line: 3 },
      locationIsResource: false,
      locations: [{ file: 'policies/test/scv_data_001.rego', line: 3, kind: 'rule' }],
    });
  });

  it('applies severity overrides and rejects an override for an unknown rule', () => {
    const [f] = finalizeFindings([raw('SCV-OBS-002', 'i')], catalog, { 'SCV-OBS-002': 'medium' });
    expect(f!.severity).toBe('medium');
    expect(() => finalizeFindings([], catalog, { 'SCV-NOPE-001': 'low' })).toThrow(ScvGuardError);
    expect(() => finalizeFindings([], catalog, { 'SCV-NOPE-001': 'low' })).toThrow(/unknown rule id "SCV-NOPE-001"/);
  });

  it('rejects a finding of a rule that is not in the catalog', () => {
    expect(() => finalizeFindings([raw('SCV-GHOST-001', 'x')], catalog)).toThrow(/not in the rule catalog/);
  });

  it('points at the file that declared the resource when there is one', () => {
    const [f] = finalizeFindings([raw('SCV-DATA-001', 'b', { origin: { file: 'plans/prod.json', line: 42 } })], catalog);
    expect(f!.location).toEqual({ file: 'plans/prod.json', line: 42 });
    expect(f!.locationIsResource).toBe(true);
  });

  it('lists every declaration the rule and the inventory name, then the rule', () => {
    const origins = [{ file: 'plans/prod.json', line: 42, column: 3 }, { file: 'flows/a.json', line: 7 }];
    const [f] = finalizeFindings([raw('SCV-DATA-001', 'b', { origin: origins[0], origins })], catalog);
    expect(f!.locations).toEqual([
      { file: 'plans/prod.json', line: 42, column: 3, kind: 'declaration' },
      { file: 'flows/a.json', line: 7, kind: 'declaration' },
      { file: 'policies/test/scv_data_001.rego', line: 3, kind: 'rule' },
    ]);
  });

  it('keeps the column of a resource declared on a one-line plan, outside the fingerprint', () => {
    const [f] = finalizeFindings([raw('SCV-DATA-001', 'b', { origin: { file: 'plans/prod.json', line: 1, column: 2817 } })], catalog);
    expect(f!.location).toEqual({ file: 'plans/prod.json', line: 1, column: 2817 });
    const [moved] = finalizeFindings([raw('SCV-DATA-001', 'b', { origin: { file: 'plans/prod.json', line: 1, column: 40 } })], catalog);
    const [lineOnly] = finalizeFindings([raw('SCV-DATA-001', 'b', { origin: { file: 'plans/prod.json', line: 7 } })], catalog);
    expect(moved!.fingerprint).toBe(f!.fingerprint);
    expect(lineOnly!.fingerprint).toBe(f!.fingerprint);
    expect(lineOnly!.location).toEqual({ file: 'plans/prod.json', line: 7 });
    expect('column' in lineOnly!.location).toBe(false);
  });

  it('orders findings by severity, rule, resource and message whatever the engine order', () => {
    const input = [
      raw('SCV-OBS-002', 'i-1'),
      raw('SCV-DATA-001', 'b-2'),
      raw('SCV-ACCT-001', 'acct-9'),
      raw('SCV-DATA-001', 'b-1', { message: 'z' }),
      raw('SCV-DATA-001', 'b-1', { message: 'a' }),
    ];
    const order = (xs: typeof input) => finalizeFindings(xs, catalog).map((f) => `${f.ruleId}/${f.resource.id}/${f.message}`);
    const expected = [
      'SCV-ACCT-001/acct-9/SCV-ACCT-001 on acct-9',
      'SCV-DATA-001/b-1/a',
      'SCV-DATA-001/b-1/z',
      'SCV-DATA-001/b-2/SCV-DATA-001 on b-2',
      'SCV-OBS-002/i-1/SCV-OBS-002 on i-1',
    ];
    expect(order(input)).toEqual(expected);
    expect(order([...input].reverse())).toEqual(expected);
  });
});
