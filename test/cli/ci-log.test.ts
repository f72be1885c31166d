import { describe, expect, it } from 'vitest';
import { CI_LOG_MAX_LINES, ciFindingLine, formatCiLog } from '../../src/cli/ci-log.js';
import type { Finding, RuleResult } from '../../src/findings/model.js';
import type { FailOn } from '../../src/findings/severity.js';
import type { ScanResult } from '../../src/scan/run.js';
import { finding } from '../findings/helpers.js';
import { scanResultOf } from './scan-result.js';

const now = new Date('2026-11-20T12:00:00Z');
const ROOT = '/repo';

function scan(findings: Finding[], results: RuleResult[], failOn: FailOn = 'high'): ScanResult {
  return scanResultOf(findings, results, { now, failOn, rootDir: ROOT });
}

const located = (ruleId: string, severity: Finding['severity'], over: Partial<Finding> = {}): Finding =>
  finding(ruleId, severity, {
    location: { file: `${ROOT}/plans/uat.plan.json`, line: 12, column: 5 },
    locationIsResource: true,
    locations: [{ file: `${ROOT}/plans/uat.plan.json`, line: 12, column: 5, kind: 'declaration' }],
    ...over,
  });

describe('formatCiLog', () => {
  it('lists unchecked rules and open findings, most severe first, each with resource and location, then the verdict', () => {
    const findings = [
      located('SCV-OBS-002', 'low', { message: 'Flow logs are off.' }),
      located('SCV-ENV-002', 'critical', { message: 'Bucket shared by two environments.\nUse one bucket per environment.', resource: { type: 'aws-s3-bucket', id: 'arn:aws:s3:::rec' } }),
      finding('SCV-ACCT-001', 'high', { message: 'Waived.', waiver: { rule: 'SCV-ACCT-001', resource: 'x', reason: 'r', expires: '2027-01-01' } }),
      finding('SCV-IAM-001', 'high', { message: 'Only the rule is known.' }),
    ];
    const results: RuleResult[] = [
      { ruleId: 'SCV-ENV-002', outcome: 'fail' },
      { ruleId: 'SCV-OBS-002', outcome: 'fail' },
      { ruleId: 'SCV-IAM-001', outcome: 'fail' },
      { ruleId: 'SCV-CC-001', outcome: 'incomplete', reason: 'Found nothing, but\nsalesforce.contactCenters could not be read in full.' },
    ];
    expect(formatCiLog(scan(findings, results), 'high', now)).toBe(
      [
        'scv-guard: 3 findings (1 critical, 1 high, 0 medium, 1 low, 0 info), 1 waived',
        'Rules: 4 evaluated, 3 failed, 0 passed, 1 incomplete',
        'INCOMPLETE SCV-CC-001: Found nothing, but salesforce.contactCenters could not be read in full.',
        'CRITICAL SCV-ENV-002 arn:aws:s3:::rec plans/uat.plan.json:12:5: Bucket shared by two environments.',
        'HIGH SCV-IAM-001 SCV-IAM-001-resource: Only the rule is known.',
        'LOW SCV-OBS-002 SCV-OBS-002-resource plans/uat.plan.json:12:5: Flow logs are off.',
        'Result: fail (--fail-on high: 2 findings high or above, 1 rule incomplete or not evaluable)',
        '',
      ].join('\n'),
    );
  });

  it(`shows at most ${CI_LOG_MAX_LINES} lines of rules and findings, then how many more`, () => {
    const findings = Array.from({ length: 73 }, (_, i) => located('SCV-DATA-001', 'high', { fingerprint: `fp-${String(i).padStart(3, '0')}`, resource: { type: 'aws-s3-bucket', id: `b${String(i).padStart(3, '0')}` } }));
    const lines = formatCiLog(scan(findings, [{ ruleId: 'SCV-DATA-001', outcome: 'fail' }]), 'high', now).trimEnd().split('\n');
    expect(lines).toHaveLength(2 + CI_LOG_MAX_LINES + 2);
    expect(lines.filter((l) => l.startsWith('HIGH SCV-DATA-001 '))).toHaveLength(CI_LOG_MAX_LINES);
    expect(lines.at(-2)).toBe(`... and ${73 - CI_LOG_MAX_LINES} more`);
    expect(lines.at(-1)).toMatch(/^Result: fail \(--fail-on high: 73 findings high or above\)$/);
  });

  it('prints nothing for a scan that passes with every rule checked, and the list for one below the gate that is incomplete', () => {
    const low = [located('SCV-OBS-002', 'low')];
    expect(formatCiLog(scan(low, [{ ruleId: 'SCV-OBS-002', outcome: 'fail' }]), 'high', now)).toBe('');
    const incomplete = scan(low, [{ ruleId: 'SCV-OBS-002', outcome: 'fail' }, { ruleId: 'SCV-CC-001', outcome: 'incomplete', reason: 'Nothing was collected.' }], 'critical');
    expect(incomplete.exitCode).toBe(0);
    const text = formatCiLog(incomplete, 'critical', now);
    expect(text).toContain('INCOMPLETE SCV-CC-001: Nothing was collected.\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Result: pass (--fail-on critical: nothing gates)');
  });
});

describe('ciFindingLine', () => {
  it('shows a location outside the root as given, and only the first line of the message', () => {
    const f = located('SCV-FLOW-001', 'medium', {
      message: '  Flow calls another account.\r\nSecond line.',
      location: { file: '/elsewhere/flows/in.json', line: 3 },
      locations: [{ file: '/elsewhere/flows/in.json', line: 3, kind: 'declaration' }],
    });
    expect(ciFindingLine(f, ROOT)).toBe('MEDIUM SCV-FLOW-001 SCV-FLOW-001-resource /elsewhere/flows/in.json:3: Flow calls another account.');
    // a lone carriage return ends the line too: nothing after it reaches the log line
    expect(ciFindingLine({ ...f, message: 'First.\r::error::injected' }, ROOT)).toBe('MEDIUM SCV-FLOW-001 SCV-FLOW-001-resource /elsewhere/flows/in.json:3: First.');
  });
});
