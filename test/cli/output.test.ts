import { describe, expect, it } from 'vitest';
import { formatError, formatScanSummary, scanSummaryJson, terminalWidth, wantsHumanOutput } from '../../src/cli/output.js';
import { MAX_LISTED_PROBLEMS, ProblemListError, ScvGuardError } from '../../src/errors.js';
import type { ScanResult } from '../../src/scan/run.js';
import { finding } from '../findings/helpers.js';
import { scanResultOf } from './scan-result.js';
import { registerSecret } from '../../src/redaction/registry.js';

const now = new Date('2026-11-20T12:00:00Z');

function result(over: Partial<ScanResult> = {}): ScanResult {
  const findings = over.findings ?? [
    finding('SCV-ACCT-001', 'critical', { message: 'Account 222222222222 is linked to two orgs.' }),
    finding('SCV-DATA-001', 'high', { message: 'Bucket acme-uat has no KMS.\nAdd a key.' }),
    finding('SCV-OBS-002', 'low', { message: 'Flow logs are off.', waiver: { rule: 'SCV-OBS-002', resource: 'x', reason: 'r', expires: '2027-01-01' } }),
    finding('SCV-OBS-001', 'medium', { message: 'Fixed already.', baselineState: 'absent' }),
  ];
  const results = over.results ?? [
    { ruleId: 'SCV-ACCT-001', outcome: 'fail' as const },
    { ruleId: 'SCV-DATA-001', outcome: 'fail' as const },
    { ruleId: 'SCV-FLOW-002', outcome: 'could-not-evaluate' as const, error: 'regex too complex' },
  ];
  return { ...scanResultOf(findings, results, { now }), exitCode: 1, files: ['/tmp/out/scv-guard.sarif'], ...over };
}

describe('formatScanSummary', () => {
  it('shows counts by severity, rule outcomes, top findings, report files and the verdict', () => {
    const text = formatScanSummary(result(), 'high', 100, now);
    expect(text).toBe(
      [
        'scv-guard: 2 findings (1 critical, 1 high, 0 medium, 0 low, 0 info), 1 waived, 1 fixed since the baseline',
        'Rules: 3 evaluated, 2 failed, 0 passed, 1 could not be evaluated',
        '  SCV-FLOW-002: could not be evaluated: regex too complex',
        'Top findings:',
        '  CRITICAL SCV-ACCT-001    Account 222222222222 is linked to two orgs.',
        '  HIGH     SCV-DATA-001    Bucket acme-uat has no KMS. Add a key.',
        'Reports:',
        '  /tmp/out/scv-guard.sarif',
        'Result: fail (--fail-on high: 2 findings high or above, 1 rule incomplete or not evaluable)',
        '',
      ].join('\n'),
    );
  });

  it('says how many resources had no known account, in the summary and in --json', () => {
    const r = result({ run: { resourcesWithoutKnownAccount: 3 } as ScanResult['run'] });
    expect(formatScanSummary(r, 'high', 400, now)).toContain(
      '\n3 resources had no known AWS account: rules that compare accounts were silent for them (give --environment, or map the environment to one account under aws.accounts in the config)\n',
    );
    expect(JSON.parse(scanSummaryJson(r)).summary.resourcesWithoutKnownAccount).toBe(3);
    expect(formatScanSummary(result(), 'high', 400, now)).not.toContain('no known AWS account');
    expect(JSON.parse(scanSummaryJson(result())).summary).not.toHaveProperty('resourcesWithoutKnownAccount');
  });

  it('redacts held secrets and credential shapes in the --json summary, and escapes controls as \\uXXXX', () => {
    registerSecret('held-session-token-0123456789');
    const r = result({
      results: [{ ruleId: 'SCV-FLOW-002', outcome: 'could-not-evaluate' as const, error: 'echoed held-session-token-0123456789 and AKIAIOSFODNN7EXAMPLE \u202e' }],
    });
    const text = scanSummaryJson(r);
    expect(text).not.toContain('held-session-token-0123456789');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).not.toContain('\u202e');
    expect(JSON.parse(text).results[0].error).toBe('echoed [REDACTED] and [redacted-access-key] \u202e');
  });

  it('uses 100 columns when the terminal reports no usable width', () => {
    expect(terminalWidth({ write: () => true, columns: 0 })).toBe(100);
    expect(terminalWidth({ write: () => true })).toBe(100);
    expect(terminalWidth({ write: () => true, columns: 132 })).toBe(132);
  });

  it('fits long findings into the terminal width and says when there are more', () => {
    const many = Array.from({ length: 10 }, (_, i) => finding(`SCV-X-${i}`, 'medium', { message: 'x'.repeat(200) }));
    const text = formatScanSummary(result({ findings: many, results: [], files: [], exitCode: 0, verdict: { exitCode: 0, gatingFindings: 0, uncheckedRules: 0 } }), 'none', 60, now);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('  MEDIUM'))).toHaveLength(8);
    expect(lines.filter((l) => l.startsWith('  MEDIUM')).every((l) => l.length === 60 && l.endsWith('…'))).toBe(true);
    expect(text).toContain('  … and 2 more findings (2 medium), not shown: no report was written; run with --format markdown (or html, sarif, json) to see every finding');
    expect(text).toContain('Result: pass (--fail-on none: nothing gates)');
  });

  it('shows the most severe first, says how many more of each severity there are and which report lists them', () => {
    const severities = ['low', 'info', 'medium', 'high', 'low', 'critical', 'medium', 'low', 'high', 'info', 'medium', 'critical'] as const;
    const many = severities.map((s, i) => finding(`SCV-X-${String(i).padStart(2, '0')}`, s, { message: `finding ${i}` }));
    const files = ['/tmp/out/scv-guard.sarif', '/tmp/out/scv-guard.md', '/tmp/out/scv-guard.json'];
    const text = formatScanSummary(result({ findings: many, results: [], files }), 'high', 100, now);
    const shown = text.split('\n').filter((l) => /^ {2}[A-Z]+ +SCV-X-/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(shown).toEqual(['CRITICAL', 'CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'LOW']);
    expect(text).toContain('  … and 4 more findings (2 low, 2 info): see /tmp/out/scv-guard.md\n');
  });

  it('points at the HTML report before the others, else at the one report written', () => {
    const many = Array.from({ length: 9 }, (_, i) => finding(`SCV-X-${i}`, 'high', { message: `finding ${i}` }));
    const withHtml = formatScanSummary(result({ findings: many, results: [], files: ['/r/scv-guard.json', '/r/scv-guard.html', '/r/scv-guard.md'] }), 'high', 100, now);
    expect(withHtml).toContain('  … and 1 more finding (1 high): see /r/scv-guard.html\n');
    const junitOnly = formatScanSummary(result({ findings: many, results: [], files: ['/r/scv-guard.junit.xml'] }), 'high', 100, now);
    expect(junitOnly).toContain('  … and 1 more finding (1 high): see /r/scv-guard.junit.xml\n');
  });

  it('says how many more rules are incomplete and where to read them, or that no report was written', () => {
    const incomplete = Array.from({ length: 11 }, (_, i) => ({ ruleId: `SCV-X-${i}`, outcome: 'incomplete' as const, reason: `reason ${i}` }));
    const withReport = formatScanSummary(result({ findings: [], results: incomplete, files: ['/r/scv-guard.sarif', '/r/scv-guard.md'] }), 'high', 100, now);
    expect(withReport.split('\n').filter((l) => / {2}SCV-X-\d+: incomplete: /.test(l))).toHaveLength(8);
    expect(withReport).toContain('  … and 3 more incomplete rules: see /r/scv-guard.md\n');
    const noReport = formatScanSummary(result({ findings: [], results: incomplete, files: [] }), 'high', 100, now);
    expect(noReport).toContain('  … and 3 more incomplete rules, not shown: no report was written; run with --format markdown (or html, sarif, json) to see every rule outcome\n');
  });

  it('says nothing more when every open finding is shown', () => {
    const eight = Array.from({ length: 8 }, (_, i) => finding(`SCV-X-${i}`, 'high', { message: `finding ${i}` }));
    expect(formatScanSummary(result({ findings: eight, results: [] }), 'high', 100, now)).not.toContain('more finding');
  });
});

describe('scanSummaryJson', () => {
  it('is JSON with the exit code, counts, outcomes and files', () => {
    const parsed = JSON.parse(scanSummaryJson(result()));
    expect(parsed.exitCode).toBe(1);
    expect(parsed.summary.bySeverity.critical).toBe(1);
    expect(parsed.files).toEqual(['/tmp/out/scv-guard.sarif']);
    expect(parsed.results).toHaveLength(3);
    expect(parsed.unmatchedWaivers).toEqual([]);
  });

  it('lists the waivers that matched no finding, as the JSON report does (config path relative to the scan root)', () => {
    const waiver = { rule: 'SCV-DATA-001', resource: 'acme-old', environment: 'UAT', reason: 'legacy bucket', expires: '2027-01-01' };
    const parsed = JSON.parse(
      scanSummaryJson(result({ unmatchedWaivers: [{ waiver, index: 2, location: { file: '/repo/scv-guard.yaml', line: 31 } }], run: { rootDir: '/repo' } as ScanResult['run'] })),
    );
    expect(parsed.unmatchedWaivers).toEqual([
      {
        rule: 'SCV-DATA-001',
        resource: 'acme-old',
        environment: 'UAT',
        expires: '2027-01-01',
        reason: 'legacy bucket',
        index: 2,
        location: { file: 'scv-guard.yaml', line: 31 },
        message: expect.stringMatching(/^The waiver for SCV-DATA-001 on acme-old in environment UAT matched no finding/),
      },
    ]);
  });
});

describe('formatError', () => {
  it('prints a user error as one line', () => {
    const err = new ScvGuardError('input-schema', 'expected a string', { file: 'a.json', line: 3, path: '$.x' });
    expect(formatError(err)).toBe('scv-guard: error: a.json:3: $.x: expected a string');
  });

  it('prints every problem of an input on its own line, then counts those past the limit', () => {
    const two = new ProblemListError('config', [
      { message: 'unknown key', location: { file: 'c.yaml', line: 3, column: 5, path: 'aws.regoins' } },
      { message: 'expected a date YYYY-MM-DD', location: { file: 'c.yaml', line: 9, path: 'waivers[0].expires' } },
    ]);
    expect(formatError(two)).toBe(
      'scv-guard: error: c.yaml:3:5: aws.regoins: unknown key\nscv-guard: error: c.yaml:9: waivers[0].expires: expected a date YYYY-MM-DD',
    );
    const many = new ProblemListError(
      'input-schema',
      Array.from({ length: MAX_LISTED_PROBLEMS + 7 }, (_, i) => ({ message: 'unknown field', location: { file: 'i.json', line: i + 1, path: `$.x${i}` } })),
    );
    const lines = formatError(many).split('\n');
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(lines[MAX_LISTED_PROBLEMS - 1]).toBe(`scv-guard: error: i.json:${MAX_LISTED_PROBLEMS}: $.x${MAX_LISTED_PROBLEMS - 1}: unknown field`);
    expect(lines[MAX_LISTED_PROBLEMS]).toBe('scv-guard: error: ... and 7 more problems');
  });

  it('marks anything else as an internal error, still without a stack', () => {
    expect(formatError(new TypeError('x is undefined\n    at foo (bar.js:1:1)'))).toBe(
      'scv-guard: internal error: x is undefined at foo (bar.js:1:1) (please report this)',
    );
  });
});

describe('wantsHumanOutput', () => {
  it('is on for a terminal unless quiet', () => {
    expect(wantsHumanOutput({ write: () => true, isTTY: true }, false)).toBe(true);
    expect(wantsHumanOutput({ write: () => true, isTTY: true }, true)).toBe(false);
    expect(wantsHumanOutput({ write: () => true }, false)).toBe(false);
  });
});
