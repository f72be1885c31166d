import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../src/findings/model.js';
import { exitCodeFor, isWaiverActive, ruleOutcomes, summarize } from '../../src/findings/results.js';
import { emptyAwsAccount, emptyInventory, type CollectionError, type Inventory } from '../../src/inventory/types.js';
import { finding, rule } from './helpers.js';

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

  it('does not fail a rule whose only findings are notes (info findings about a declared setup)', () => {
    expect(ruleOutcomes([{ ruleId: 'A', outcome: 'pass' }], [finding('A', 'info', { note: true })])).toEqual([{ ruleId: 'A', outcome: 'pass' }]);
  });

  it('counts a rule with findings but no engine result as failed', () => {
    expect(ruleOutcomes([], [finding('X', 'low')])).toEqual([{ ruleId: 'X', outcome: 'fail' }]);
  });
});

describe('ruleOutcomes over what was read', () => {
  const withInputs = (id: string, inputs: string[]) => ({ ...rule(id, 'high'), inputs });
  const catalog = [
    withInputs('ROLES', ['aws.iamRoles']),
    withInputs('FLOWS', ['aws.connectInstances.flows']),
    withInputs('CROSS', ['salesforce.contactCenters', 'aws.iamRoles']),
    withInputs('COLL', ['collection.errors']),
    withInputs('WAIVER', ['scanner.waivers']),
    rule('UNDECLARED', 'high'),
  ];
  const passes = catalog.map((r) => ({ ruleId: r.id, outcome: 'pass' as const }));
  const awsError = (over: Partial<CollectionError>): CollectionError => ({
    source: 'aws',
    target: '111111111111/us-east-1',
    operation: 'ListInstances',
    code: 'AccessDenied',
    message: 'denied',
    ...over,
  });
  function estate(errors: CollectionError[] = []): Inventory {
    const inv = emptyInventory('2026-11-20T12:00:00Z');
    inv.aws.accounts.push(emptyAwsAccount('111111111111'));
    inv.collection.sources.push({ kind: 'aws', target: '111111111111', startedAt: inv.generatedAt, finishedAt: inv.generatedAt });
    inv.collection.errors.push(...errors);
    return inv;
  }
  const outcomes = (inventory: Inventory, findings = [finding('ROLES', 'high')].slice(0, 0), waiverCount = 1) =>
    Object.fromEntries(ruleOutcomes(passes, findings, { catalog, inventory, waiverCount }).map((r) => [r.ruleId, r.outcome]));

  it('makes a silent rule incomplete when an error names a section it reads, or a section above it', () => {
    const inv = estate([awsError({ sections: ['aws.connectInstances'] })]);
    expect(outcomes(inv)).toMatchObject({ ROLES: 'pass', FLOWS: 'incomplete', UNDECLARED: 'incomplete', COLL: 'pass' });
    const result = ruleOutcomes(passes, [], { catalog, inventory: inv, waiverCount: 1 }).find((r) => r.ruleId === 'FLOWS')!;
    expect(result.gaps).toEqual(['aws 111111111111/us-east-1 ListInstances']);
    expect(result.reason).toMatch(/^Found nothing, but aws\.connectInstances could not be read in full/);
  });

  it('leaves a rule passing when the failed call fed sections it does not read', () => {
    const inv = estate([awsError({ operation: 'ListRoles', sections: ['aws.iamRoles'] })]);
    inv.salesforce.orgs.push({ id: '00D000000000001AAA', name: 'p', kind: 'production', environment: null, status: 'active', instanceUrl: null, sandbox: null, awsAccountKey: null, contactCenters: [] });
    expect(outcomes(inv)).toMatchObject({ ROLES: 'incomplete', CROSS: 'incomplete', FLOWS: 'pass', WAIVER: 'pass' });
  });

  it('takes an error that names no sections (an older inventory) as its whole source unread', () => {
    expect(outcomes(estate([awsError({})]))).toMatchObject({ ROLES: 'incomplete', FLOWS: 'incomplete', CROSS: 'incomplete' });
  });

  it('a rule with findings fails, whatever could not be read', () => {
    expect(outcomes(estate([awsError({})]), [finding('ROLES', 'high')])).toMatchObject({ ROLES: 'fail' });
  });

  it('makes every silent rule incomplete when nothing at all was collected', () => {
    const all = outcomes(emptyInventory('2026-11-20T12:00:00Z'), [], 0);
    expect(Object.values(all).every((o) => o === 'incomplete')).toBe(true);
  });

  it('makes a silent rule that says what it cannot know incomplete, with its reasons; findings still fail it', () => {
    const unsure = passes.map((r) => (r.ruleId === 'ROLES' ? { ...r, cannotKnow: ['Contact center X names alias a, which 2 instances have.'] } : r));
    const result = ruleOutcomes(unsure, [], { catalog, inventory: estate(), waiverCount: 1 }).find((r) => r.ruleId === 'ROLES')!;
    expect(result).toEqual({
      ruleId: 'ROLES',
      outcome: 'incomplete',
      reason: 'Found nothing, but cannot know: Contact center X names alias a, which 2 instances have.',
      cannotKnow: ['Contact center X names alias a, which 2 instances have.'],
    });
    expect(ruleOutcomes(unsure, [finding('ROLES', 'high')], { catalog, inventory: estate(), waiverCount: 1 }).find((r) => r.ruleId === 'ROLES')!.outcome).toBe('fail');
    expect(ruleOutcomes(unsure, []).find((r) => r.ruleId === 'ROLES')!.outcome).toBe('incomplete');
  });

  it('makes a rule not-evaluated when the scan holds no record of a source it reads', () => {
    expect(outcomes(estate(), [], 0)).toMatchObject({ ROLES: 'pass', CROSS: 'not-evaluated', WAIVER: 'not-evaluated', UNDECLARED: 'not-evaluated' });
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
      rules: { evaluated: 4, fail: 2, pass: 1, incomplete: 0, couldNotEvaluate: 1, notEvaluated: 0 },
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

  it('gates on an incomplete rule like a could-not-evaluate one, never on a not-evaluated one', () => {
    const incomplete = [{ ruleId: 'C', outcome: 'incomplete' as const, reason: 'r' }];
    expect(exitCodeFor([], 'high', { now, results: incomplete })).toBe(1);
    expect(exitCodeFor([], 'critical', { now, results: incomplete })).toBe(0);
    expect(exitCodeFor([], 'none', { now, results: incomplete })).toBe(0);
    expect(exitCodeFor([], 'info', { now, results: [{ ruleId: 'C', outcome: 'not-evaluated' as const }] })).toBe(0);
  });

  it('gates on a rule that could not be evaluated as if it were a high finding', () => {
    const results = [{ ruleId: 'C', outcome: 'could-not-evaluate' as const, error: 'boom' }];
    expect(exitCodeFor([], 'high', { now, results })).toBe(1);
    expect(exitCodeFor([], 'low', { now, results })).toBe(1);
    expect(exitCodeFor([], 'critical', { now, results })).toBe(0);
    expect(exitCodeFor([], 'none', { now, results })).toBe(0);
  });
});
