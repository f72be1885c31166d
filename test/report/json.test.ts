import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { loadReportInput } from './fixture.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  fingerprint: string;
  location?: { file: string; line: number; column?: number };
  waived?: boolean;
  waiver?: { reason: string; expires: string };
  baselineState?: string;
  resource: Record<string, unknown>;
}

describe('JSON report', () => {
  const input = loadReportInput();
  const report = JSON.parse(formatJson(input)) as {
    tool: string;
    version: string;
    generatedAt: string;
    summary: { total: number; active: number; waived: number; bySeverity: Record<string, number>; rules: Record<string, number> };
    findings: JsonFinding[];
    rules: { id: string; outcome: string; error?: string }[];
    unmatchedWaivers: { rule: string; resource: string; environment?: string; expires: string; index: number; location?: { file: string; line: number }; message: string }[];
  };
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));

  it('has the documented top-level shape', () => {
    expect(report).toMatchObject({ tool: 'scv-guard', version: '0.1.0', generatedAt: '2026-11-20T08:30:00Z' });
    expect(Object.keys(report)).toEqual(['tool', 'version', 'generatedAt', 'scope', 'summary', 'findings', 'rules', 'unmatchedWaivers']);
  });

  it('lists waivers that matched no finding with their rule, resource and place in the config (relative under the root)', () => {
    expect(report.unmatchedWaivers.map((u) => [u.rule, u.index, u.location])).toEqual([
      ['SCV-TEL-001', 2, { file: 'scv-guard.yaml', line: 41 }],
      ['SCV-DATA-001', 3, { file: '/etc/scv-guard/shared.yaml', line: 7 }],
    ]);
    expect(report.unmatchedWaivers[0]).toMatchObject({ resource: 'arn:aws:connect:us-east-1:111111111111:instance/old-*', environment: 'uat', expires: '2027-06-30' });
    expect(report.unmatchedWaivers[0]!.message).toMatch(/^The waiver for SCV-TEL-001 on .* in environment uat matched no finding/);
    // none: an empty list, the shape stays the same
    expect(JSON.parse(formatJson({ ...loadReportInput(), unmatchedWaivers: [] })).unmatchedWaivers).toEqual([]);
  });

  it('counts active findings per severity, waived ones apart', () => {
    expect(report.summary.total).toBe(5);
    expect(report.summary.active).toBe(4);
    expect(report.summary.waived).toBe(1);
    expect(report.summary.bySeverity).toEqual({ critical: 1, high: 3, medium: 0, low: 0, info: 0 });
    expect(report.summary.rules).toEqual({ total: 5, fail: 3, pass: 1, incomplete: 0, couldNotEvaluate: 1, notEvaluated: 0 });
  });

  it('orders findings most severe first', () => {
    expect(report.findings.map((f) => f.severity)).toEqual(['critical', 'high', 'high', 'high', 'high']);
  });

  it('gives the best place of each finding, relative to the root, and none when only the rule is known', () => {
    expect(byFingerprint.get(input.findings[1]!.fingerprint)!.location).toEqual({ file: 'flows/Main IVR.json', line: 42 });
    // a live resource: its entry in the inventory file
    expect(byFingerprint.get(input.findings[2]!.fingerprint)!.location).toEqual({ file: 'inventory.json', line: 88, column: 9 });
    const ruleOnly = loadReportInput();
    delete ruleOnly.findings[2]!.locations;
    const again = JSON.parse(formatJson(ruleOnly)) as { findings: { fingerprint: string; location?: unknown }[] };
    expect(again.findings.find((f) => f.fingerprint === ruleOnly.findings[2]!.fingerprint)!.location).toBeUndefined();
    // the column where the input gave one (a one-line plan), and no column key otherwise
    expect(byFingerprint.get(input.findings[4]!.fingerprint)!.location).toEqual({ file: 'plans/uat.plan.json', line: 1, column: 2817 });
    expect(Object.keys(byFingerprint.get(input.findings[3]!.fingerprint)!.location!)).toEqual(['file', 'line']);
  });

  it('marks waived findings with the waiver and keeps baseline state', () => {
    const waived = byFingerprint.get(input.findings[0]!.fingerprint)!;
    expect(waived.waived).toBe(true);
    expect(waived.waiver).toEqual({ reason: 'KMS migration SEC-142', expires: '2027-03-31', environment: 'uat' });
    expect(byFingerprint.get(input.findings[1]!.fingerprint)!.waived).toBeUndefined();
    expect(byFingerprint.get(input.findings[2]!.fingerprint)!.baselineState).toBe('new');
  });

  it('lists every catalog rule with its outcome; an unevaluated one as not-evaluated', () => {
    expect(report.rules.map((r) => [r.id, r.outcome])).toEqual([
      ['SCV-ACCT-001', 'fail'],
      ['SCV-DATA-001', 'fail'],
      ['SCV-FLOW-001', 'fail'],
      ['SCV-OBS-002', 'could-not-evaluate'],
      ['SCV-TEL-001', 'pass'],
    ]);
    expect(report.rules[3]!.error).toMatch(/attributes: expected an object/);
    const partial = loadReportInput();
    partial.results = partial.results.filter((r) => r.ruleId !== 'SCV-TEL-001');
    const again = JSON.parse(formatJson(partial)) as typeof report;
    expect(again.rules[4]).toMatchObject({ id: 'SCV-TEL-001', outcome: 'not-evaluated' });
    expect(again.summary.rules.notEvaluated).toBe(1);
  });

  it('refuses a result for a rule that is not in the catalog', () => {
    const bad = loadReportInput();
    bad.results.push({ ruleId: 'SCV-GONE-001', outcome: 'pass' });
    expect(() => formatJson(bad)).toThrow(/SCV-GONE-001/);
  });
});
