import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { REPORT_FILE_NAMES, REPORT_FORMATS } from '../../src/report/types.js';
import { runScan, type ScanOptions, type ScanProgress } from '../../src/scan/run.js';
import { emptyInventory, type Inventory } from '../../src/inventory/types.js';
import { minimalInventory } from '../inventory/sample.js';
import { FakeEngine } from './fake-engine.js';

const demo = join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'inventory.json');
const badFixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'inventory', name);
const now = new Date('2026-11-21T08:00:00Z');

function options(over: Partial<ScanOptions> = {}): ScanOptions {
  return {
    inventoryFiles: [demo],
    formats: [...REPORT_FORMATS],
    outputDir: mkdtempSync(join(tmpdir(), 'scv-guard-scan-')),
    failOn: 'high',
    engine: new FakeEngine(),
    now,
    ...over,
  };
}

describe('runScan', () => {
  it('evaluates the demo estate, writes every report and gates on --fail-on', async () => {
    const opts = options();
    const result = await runScan(opts);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.id}`)).toEqual([
      'SCV-DATA-001 arn:aws:s3:::acme-scv-uat-recordings',
      'SCV-OBS-002 arn:aws:connect:us-east-1:222222222222:instance/a1b2c3d4-0003-4e5f-8a9b-dev000000003',
    ]);
    expect(result.results).toEqual([
      { ruleId: 'SCV-DATA-001', outcome: 'fail' },
      { ruleId: 'SCV-FAKE-001', outcome: 'pass' },
      { ruleId: 'SCV-OBS-002', outcome: 'fail' },
    ]);
    expect(result.summary.bySeverity).toMatchObject({ high: 1, low: 1 });
    expect(result.exitCode).toBe(1);
    expect(readdirSync(opts.outputDir).sort()).toEqual(Object.values(REPORT_FILE_NAMES).sort());
    expect(result.files.sort()).toEqual(Object.values(REPORT_FILE_NAMES).map((n) => join(opts.outputDir, n)).sort());
    const json = JSON.parse(readFileSync(join(opts.outputDir, REPORT_FILE_NAMES.json), 'utf8')) as { findings: { fingerprint: string }[] };
    expect(json.findings.map((f) => f.fingerprint)).toEqual(result.findings.map((f) => f.fingerprint));
    expect(result.run).toMatchObject({ generatedAt: '2026-11-21T08:00:00.000Z', failOn: 'high', engine: 'builtin', inputs: [demo] });
  });

  it('exits 0 below the threshold and writes only the formats asked for', async () => {
    const opts = options({ failOn: 'critical', formats: ['json'] });
    const result = await runScan(opts);
    expect(result.exitCode).toBe(0);
    expect(readdirSync(opts.outputDir)).toEqual([REPORT_FILE_NAMES.json]);
  });

  it("hands settings, the run time, waivers and the config's account environments to the engine as data", async () => {
    const engine = new FakeEngine();
    const waivers = [{ rule: 'SCV-DATA-001', resource: 'arn:aws:s3:::x', reason: 'r', expires: '2027-01-01' }];
    await runScan(options({ engine, settings: { environmentTagKey: 'Env' }, waivers, accountEnvironments: { '222222222222': 'dev' }, formats: [] }));
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0]!.data).toEqual({ config: { environmentTagKey: 'Env' }, scanner: { now: now.toISOString(), waivers, accountEnvironments: { '222222222222': 'dev' } } });
  });

  it('merges several inventory files and extra partial inventories before evaluating', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-parts-'));
    const extra = minimalInventory('2026-11-22T00:00:00Z');
    extra.environments = [{ name: 'sandbox-9', tier: 'non-production' }];
    const second = join(dir, 'second.json');
    writeFileSync(second, JSON.stringify(minimalInventory()));
    const engine = new FakeEngine();
    const result = await runScan(options({ engine, inventoryFiles: [demo, second], extraInventories: [{ file: 'plan.json', inventory: extra }], formats: [] }));
    expect(engine.calls[0]!.inventory.environments.map((e) => e.name)).toEqual(['prod', 'uat', 'dev', 'sandbox-9']);
    expect(engine.calls[0]!.inventory.generatedAt).toBe('2026-11-22T00:00:00Z');
    expect(result.run.inputs).toEqual([demo, second, 'plan.json']);
  });

  it('runs finding stages in order; a waived finding does not gate', async () => {
    const seen: string[] = [];
    const result = await runScan(
      options({
        formats: [],
        findingStages: [
          (findings) => {
            seen.push('waivers');
            return findings.map((f) => (f.ruleId === 'SCV-DATA-001' ? { ...f, waiver: { rule: f.ruleId, resource: f.resource.id, reason: 'SEC-142', expires: '2027-03-31' } } : f));
          },
          async (findings, ctx) => {
            seen.push(`baseline ${ctx.now.toISOString()} ${ctx.catalog.length}`);
            return findings.map((f) => ({ ...f, baselineState: 'unchanged' as const }));
          },
        ],
      }),
    );
    expect(seen).toEqual(['waivers', `baseline ${now.toISOString()} 3`]);
    expect(result.summary.waived).toBe(1);
    expect(result.exitCode).toBe(0);
    expect(result.findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
  });

  it('gates on a rule that could not be evaluated at --fail-on high or lower', async () => {
    // Findings are lowered to low, so only the rule that could not be evaluated can gate.
    const base = { severityOverrides: { 'SCV-DATA-001': 'low' as const }, formats: [] };
    const high = await runScan(options({ ...base, engine: new FakeEngine({ brokenRule: true }), failOn: 'high' }));
    expect(high.results.find((r) => r.ruleId === 'SCV-FAKE-001')).toEqual({ ruleId: 'SCV-FAKE-001', outcome: 'could-not-evaluate', error: 'object key conflict' });
    expect(high.summary.rules.couldNotEvaluate).toBe(1);
    expect(high.exitCode).toBe(1);
    const critical = await runScan(options({ ...base, engine: new FakeEngine({ brokenRule: true }), failOn: 'critical' }));
    expect(critical.exitCode).toBe(0);
    const healthy = await runScan(options({ ...base, engine: new FakeEngine(), failOn: 'high' }));
    expect(healthy.exitCode).toBe(0);
  });

  it('never passes a rule over an empty inventory: every rule is incomplete and the scan gates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-empty-'));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify(emptyInventory('2026-11-21T08:00:00Z')));
    const result = await runScan(options({ inventoryFiles: [empty], formats: [] }));
    expect(result.results.map((r) => r.outcome)).toEqual(['incomplete', 'incomplete', 'incomplete']);
    expect(result.summary.rules).toMatchObject({ pass: 0, incomplete: 3 });
    expect(result.verdict).toEqual({ exitCode: 1, gatingFindings: 0, uncheckedRules: 3 });
    expect((await runScan(options({ inventoryFiles: [empty], formats: [], failOn: 'none' }))).exitCode).toBe(0);
  });

  it('makes a rule whose input a collection error names incomplete, and gates on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-gap-'));
    const inventory = JSON.parse(readFileSync(demo, 'utf8')) as Inventory;
    inventory.collection.errors.push({ source: 'aws', target: '111111111111/global/iam', operation: 'ListRoles', code: 'AccessDenied', message: 'denied', sections: ['aws.iamRoles'] });
    const file = join(dir, 'gap.json');
    writeFileSync(file, JSON.stringify(inventory));
    const result = await runScan(options({ inventoryFiles: [file], formats: [], severityOverrides: { 'SCV-DATA-001': 'low' } }));
    expect(result.results.find((r) => r.ruleId === 'SCV-FAKE-001')).toMatchObject({ outcome: 'incomplete', gaps: ['aws 111111111111/global/iam ListRoles'] });
    expect(result.verdict).toEqual({ exitCode: 1, gatingFindings: 0, uncheckedRules: 1 });
  });

  it('applies severity overrides before gating', async () => {
    const result = await runScan(options({ severityOverrides: { 'SCV-DATA-001': 'low' }, formats: [] }));
    expect(result.findings.map((f) => f.severity)).toEqual(['low', 'low']);
    expect(result.exitCode).toBe(0);
  });

  it('reports progress phases in order', async () => {
    const events: ScanProgress[] = [];
    await runScan(options({ onProgress: (e) => events.push(e) }));
    expect(events.map((e) => e.phase)).toEqual(['read', 'evaluate', 'finalize', 'report']);
  });

  it.each(['invalid.json', 'alias-bomb.yaml', 'wrong-types.json', 'missing-fields.json'])(
    'writes nothing and never calls the engine when an input is bad (%s)',
    async (name) => {
      const engine = new FakeEngine();
      const opts = options({ engine, inventoryFiles: [demo, badFixture(name)] });
      const outputDir = join(opts.outputDir, 'out');
      await expect(runScan({ ...opts, outputDir })).rejects.toThrow(ScvGuardError);
      expect(engine.calls).toHaveLength(0);
      expect(existsSync(outputDir)).toBe(false);
    },
  );

  it('asks for an input when there is none', async () => {
    await expect(runScan(options({ inventoryFiles: [] }))).rejects.toThrow(/nothing to scan/);
  });
});
