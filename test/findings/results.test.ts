import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../src/findings/model.js';
import { exitCodeFor, isWaiverActive, ruleOutcomes, summarize } from '../../src/findings/results.js';
import { finding } from './helpers.js';

const now = new Date('2026-11-20T12:00:00Z');
const waiver = (expires: string): Waiver => ({ rule: 'R', resource: 'x', reason: 'ticket SEC-1', expires });

describe('ruleOutcomes', () => {
  it('derives fail and pass from the findings and keeps could-not-evaluate with its error', () => {
    const out = ruleOutcomes(
      [
        { ruleId: 'B', outcome: 'pass' },
        { ruleId: 'A', outcome: 'pass' },
        { ruleId: 'C', outcome: 'could-not-evaluate', error: 'division by zero' },
      ],
      [finding('A', 'high')],
    );
    expect(out).toEqual([
      { ruleId: 'A', outcome: 'fail' },
      { ruleId: 'B', outcome: 'pass' },
      { ruleId: 'C', outcome: 'could-not-evaluate', error: 'division by zero' },
    ]);
  });

  it('does not fail a rule whose only findings are absent since the baseline', () => {
    expect(ruleOutcomes([{ ruleId: 'A', outcome: 'pass' }], [finding('A', 'high', { baselineState: 'absent' })])).toEqual([
      { ruleId: 'A', outcome: 'pass' },
    ]);
  });

  it('counts a rule with findings but no engine result as failed', () => {
    expect(ruleOutcomes([], [finding('X', 'low')])).toEqual([{ ruleId: 'X', outcome: 'fail' }]);
  });
});

describe('isWaiverActive', () => {
  it('holds through the whole expiry day and not after', () => {
    expect(isWaiverActive(waiver('2026-11-20'), now)).toBe(true);
    expect(isWaiverActive(waiver('2026-11-19'), now)).toBe(false);
    expect(isWaiverActive(waiver('2026-11-20T11:00:00Z'), now)).toBe(false);
    expect(isWaiverActive(waiver('not a date'), now)).toBe(false);
  });
});

describe('summarize', () => {
  it('counts open findings by severity, waived and new ones, and rule outcomes', () => {
    const findings = [
      finding('A', 'critical', { baselineState: 'new' }),
      finding('A', 'critical'),
      finding('B', 'low', { waiver: waiver('2027-01-01') }),
      finding('B', 'low', { waiver: waiver('2026-01-01') }),
      finding('E', 'critical', { baselineState: 'absent' }),
    ];
    const s = summarize(findings, [
      { ruleId: 'A', outcome: 'fail' },
      { ruleId: 'B', outcome: 'fail' },
      { ruleId: 'C', outcome: 'pass' },
      { ruleId: 'D', outcome: 'could-not-evaluate' },
    ], now);
    expect(s).toEqual({
      total: 4,
      bySeverity: { critical: 2, high: 0, medium: 0, low: 1, info: 0 },
      waived: 1,
      new: 1,
      absent: 1,
      rules: { evaluated: 4, fail: 2, pass: 1, couldNotEvaluate: 1 },
    });
  });
});

describe('exitCodeFor', () => {
  it('gates on findings at or above --fail-on', () => {
    const findings = [finding('A', 'medium')];
    expect(exitCodeFor(findings, 'high', { now })).toBe(0);
    expect(exitCodeFor(findings, 'medium', { now })).toBe(1);
    expect(exitCodeFor(findings, 'info', { now })).toBe(1);
    expect(exitCodeFor(findings, 'none', { now })).toBe(0);
    expect(exitCodeFor([], 'info', { now })).toBe(0);
  });

  it('never gates on an active waiver, but does on an expired one', () => {
    expect(exitCodeFor([finding('A', 'critical', { waiver: waiver('2026-12-31') })], 'high', { now })).toBe(0);
    expect(exitCodeFor([finding('A', 'critical', { waiver: waiver('2026-10-31') })], 'high', { now })).toBe(1);
  });

  it('never gates on a finding absent since the baseline', () => {
    expect(exitCodeFor([finding('A', 'critical', { baselineState: 'absent' })], 'info', { now })).toBe(0);
  });

  it('gates only on new findings with newOnly', () => {
    const unchanged = finding('A', 'critical', { baselineState: 'unchanged' });
    expect(exitCodeFor([unchanged], 'high', { now, newOnly: true })).toBe(0);
    expect(exitCodeFor([unchanged], 'high', { now })).toBe(1);
    expect(exitCodeFor([unchanged, finding('B', 'high', { baselineState: 'new' })], 'high', { now, newOnly: true })).toBe(1);
    expect(exitCodeFor([finding('B', 'low', { baselineState: 'new' })], 'high', { now, newOnly: true })).toBe(0);
  });

  it('gates on a rule that could not be evaluated as if it were a high finding', () => {
    const results = [{ ruleId: 'C', outcome: 'could-not-evaluate' as const, error: 'boom' }];
    expect(exitCodeFor([], 'high', { now, results })).toBe(1);
    expect(exitCodeFor([], 'low', { now, results })).toBe(1);
    expect(exitCodeFor([], 'critical', { now, results })).toBe(0);
    expect(exitCodeFor([], 'none', { now, results })).toBe(0);
  });
});
