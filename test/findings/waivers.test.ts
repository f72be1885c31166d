import { describe, expect, it } from 'vitest';
import { applyWaivers, checkWaiverRules, closestRuleId, expiredWaivers, waiverMatcher, waiverStage } from '../../src/findings/waivers.js';
import type { Finding, RuleMeta, Waiver } from '../../src/findings/model.js';
import { emptyInventory } from '../../src/inventory/types.js';
import { exitCodeFor, summarize } from '../../src/findings/results.js';
import { ScvGuardError } from '../../src/errors.js';

const NOW = new Date('2026-11-21T12:00:00Z');

function finding(ruleId: string, id: string, environment: string | null, arn?: string): Finding {
  return {
    ruleId, severity: 'high', message: `${ruleId} on ${id}`,
    resource: { type: 's3-bucket', id, ...(arn ? { arn } : {}), environment },
    related: [], fingerprint: `${ruleId}:${id}`, location: { file: 'policies/x.rego', line: 1 }, locationIsResource: false,
  };
}
const rule = (id: string): RuleMeta => ({
  id, title: id, description: '', severity: 'high', remediation: '', tags: [], frameworks: {}, relatedResources: [],
  package: 'scv.rules.x', location: { file: 'policies/x.rego', line: 1 },
});
const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  rule: 'SCV-DATA-001', resource: 'arn:aws:s3:::legacy-recordings', reason: 'KMS migration SEC-142', expires: '2027-03-31', ...over,
});

describe('waivers', () => {
  const legacy = finding('SCV-DATA-001', 'arn:aws:s3:::legacy-recordings', 'uat');

  it('an active waiver marks the finding and it no longer gates', () => {
    const [f] = applyWaivers([legacy], [waiver()], NOW);
    expect(f!.waiver).toEqual(waiver());
    expect(exitCodeFor([f!], 'high', { now: NOW })).toBe(0);
    expect(summarize([f!], [], NOW).waived).toBe(1);
  });

  it('an expired waiver waives nothing: the finding counts again', () => {
    const [f] = applyWaivers([legacy], [waiver({ expires: '2026-11-20' })], NOW);
    expect(f!.waiver).toBeUndefined();
    expect(exitCodeFor([f!], 'high', { now: NOW })).toBe(1);
    expect(expiredWaivers([waiver({ expires: '2026-11-20' }), waiver()], NOW)).toEqual([waiver({ expires: '2026-11-20' })]);
  });

  it('a waiver holds through its expiry day (UTC)', () => {
    expect(applyWaivers([legacy], [waiver({ expires: '2026-11-21' })], NOW)[0]!.waiver).toBeDefined();
  });

  it('a waiver for another environment does not waive', () => {
    expect(applyWaivers([legacy], [waiver({ environment: 'prod' })], NOW)[0]!.waiver).toBeUndefined();
    expect(applyWaivers([legacy], [waiver({ environment: 'uat' })], NOW)[0]!.waiver).toBeDefined();
    const unknownEnv = finding('SCV-DATA-001', 'arn:aws:s3:::legacy-recordings', null);
    expect(applyWaivers([unknownEnv], [waiver({ environment: 'uat' })], NOW)[0]!.waiver).toBeUndefined();
  });

  it('matches the rule and the exact id or ARN, or a glob', () => {
    expect(waiverMatcher(waiver({ rule: 'SCV-ENV-002' }))(legacy)).toBe(false);
    expect(waiverMatcher(waiver({ resource: 'arn:aws:s3:::legacy' }))(legacy)).toBe(false);
    expect(waiverMatcher(waiver({ resource: 'arn:aws:s3:::legacy-*' }))(legacy)).toBe(true);
    expect(waiverMatcher(waiver({ resource: 'arn:aws:s3:::other-*' }))(legacy)).toBe(false);
    const byArn = finding('SCV-DATA-001', 'some-id', 'uat', 'arn:aws:connect:us-east-1:111111111111:instance/abc/contact-flow/def');
    expect(waiverMatcher(waiver({ resource: 'arn:aws:connect:us-east-1:111111111111:instance/abc/**' }))(byArn)).toBe(true);
    expect(waiverMatcher(waiver({ resource: 'arn:aws:connect:us-east-1:111111111111:instance/*' }))(byArn)).toBe(false);
  });

  it('a waiver for a rule id the catalog does not know is a config error with its path', () => {
    try {
      checkWaiverRules([waiver(), waiver({ rule: 'SCV-DATA-999' })], [rule('SCV-DATA-001')], 'scv-guard.yaml');
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(ScvGuardError);
      expect((err as ScvGuardError).code).toBe('config');
      expect((err as ScvGuardError).location).toEqual({ file: 'scv-guard.yaml', path: 'waivers[1].rule' });
    }
  });

  it('an unknown rule id near a known one says which one was meant', () => {
    const catalog = [rule('SCV-DATA-001'), rule('SCV-DATA-002'), rule('SCV-FLOW-001')];
    expect(() => checkWaiverRules([waiver({ rule: 'SCV-DATA-0001' })], catalog, 'c.yaml')).toThrow(/did you mean SCV-DATA-001\?$/);
    expect(() => checkWaiverRules([waiver({ rule: 'SCV-FLWO-001' })], catalog, 'c.yaml')).toThrow(/did you mean SCV-FLOW-001\?$/);
    expect(() => checkWaiverRules([waiver({ rule: 'ACME-X-001' })], catalog, 'c.yaml')).toThrow(/policy list`\)$/);
    expect(closestRuleId('SCV-DATA-003', ['SCV-DATA-002', 'SCV-DATA-001'])).toBe('SCV-DATA-001');
  });

  it('a waiver for a rule the config excludes is not an error', () => {
    expect(() => checkWaiverRules([waiver({ rule: 'SCV-TEL-001' })], [rule('SCV-DATA-001')], 'c.yaml', ['SCV-TEL-001'])).not.toThrow();
  });

  it('the finding stage checks rule ids, then applies', async () => {
    const stage = waiverStage([waiver()]);
    const ctx = { now: NOW, inventory: emptyInventory(), catalog: [rule('SCV-DATA-001')] };
    expect((await stage([legacy], ctx))[0]!.waiver).toBeDefined();
    await expect(async () => waiverStage([waiver({ rule: 'SCV-NOPE-001' })])([legacy], ctx)).rejects.toThrow(/unknown rule id/);
  });
});
