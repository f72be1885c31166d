import { describe, expect, it } from 'vitest';
import { applyWaivers, checkWaiverRules, closestRuleId, expiredWaivers, unmatchedWaiverText, unmatchedWaivers, waiverMatcher, waiverStage } from '../../src/findings/waivers.js';
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

describe('waivers that match no finding', () => {
  const legacy = finding('SCV-DATA-001', 'arn:aws:s3:::legacy-recordings', 'uat');
  const complete = [
    { ruleId: 'SCV-DATA-001', outcome: 'fail' as const },
    { ruleId: 'SCV-TEL-001', outcome: 'pass' as const },
  ];
  const positions = { file: '/repo/scv-guard.yaml', lines: [10, 15, 20, 25, 30] };

  it('lists active waivers of rules evaluated in full that match no finding, with their place in the config', () => {
    const waivers = [
      waiver(), // matches legacy
      waiver({ resource: 'arn:aws:s3:::gone-*' }), // matches nothing
      waiver({ rule: 'SCV-TEL-001', resource: '*' }), // the rule passed: nothing to match
      waiver({ environment: 'prod' }), // the finding is in uat
    ];
    const findings = applyWaivers([legacy], waivers, NOW);
    expect(unmatchedWaivers(waivers, findings, complete, NOW, positions)).toEqual([
      { waiver: waivers[1], index: 1, location: { file: '/repo/scv-guard.yaml', line: 15 } },
      { waiver: waivers[2], index: 2, location: { file: '/repo/scv-guard.yaml', line: 20 } },
      { waiver: waivers[3], index: 3, location: { file: '/repo/scv-guard.yaml', line: 25 } },
    ]);
  });

  it('a second waiver for an already waived finding still matches it: it is not reported', () => {
    const waivers = [waiver(), waiver({ resource: 'arn:aws:s3:::legacy-*' })];
    expect(unmatchedWaivers(waivers, applyWaivers([legacy], waivers, NOW), complete, NOW, undefined)).toEqual([]);
  });

  it('leaves out expired waivers (SCV-WAIVER-001 reports them), rules not evaluated in full, and findings fixed since the baseline', () => {
    const expired = waiver({ resource: 'arn:aws:s3:::nothing', expires: '2026-11-20' });
    const incompleteRule = waiver({ rule: 'SCV-ENV-002', resource: 'x' });
    const notRun = waiver({ rule: 'SCV-OBS-002', resource: 'x' });
    const results = [...complete, { ruleId: 'SCV-ENV-002', outcome: 'incomplete' as const, reason: 'r' }, { ruleId: 'SCV-OBS-002', outcome: 'could-not-evaluate' as const }];
    expect(unmatchedWaivers([expired, incompleteRule, notRun], [], results, NOW, positions)).toEqual([]);
    const fixed: Finding = { ...legacy, baselineState: 'absent' };
    expect(unmatchedWaivers([waiver()], [fixed], complete, NOW, undefined)).toEqual([{ waiver: waiver(), index: 0 }]);
  });

  it('says which waiver and what to do, in one sentence', () => {
    expect(unmatchedWaiverText({ waiver: waiver({ environment: 'uat' }), index: 0 })).toBe(
      'The waiver for SCV-DATA-001 on arn:aws:s3:::legacy-recordings in environment uat matched no finding: the risk it accepted is gone, or its resource or environment does not match one; remove or correct it.',
    );
  });
});
