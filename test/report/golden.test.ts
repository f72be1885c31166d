/**
 * Golden tests: every formatter on the fixed input in test/fixtures/report/input.json must give
 * exactly the committed test/fixtures/report/golden.* file.
 *
 * After an intended change to a format, rewrite the golden files and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../../src/report/index.js';
import { REPORT_FORMATS, type ReportFormat } from '../../src/report/types.js';
import { FIXTURE_DIR, loadReportInput } from './fixture.js';

const GOLDEN_FILES: Record<ReportFormat, string> = {
  sarif: 'golden.sarif',
  json: 'golden.json',
  markdown: 'golden.md',
  junit: 'golden.junit.xml',
  html: 'golden.html',
};

const update = process.env.UPDATE_GOLDEN === '1';

describe.each(REPORT_FORMATS.map((format) => [format] as const))('%s report', (format) => {
  const golden = `${FIXTURE_DIR}${GOLDEN_FILES[format]}`;

  it('matches its golden file exactly', () => {
    const text = FORMATTERS[format](loadReportInput());
    if (update) writeFileSync(golden, text);
    expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives the same bytes whatever the order of findings and results', () => {
    const reordered = loadReportInput();
    reordered.findings.reverse();
    reordered.results.reverse();
    expect(FORMATTERS[format](reordered)).toBe(FORMATTERS[format](loadReportInput()));
  });

  it('refuses a finding of a rule that is not in the catalog', () => {
    const input = loadReportInput();
    input.findings[0]!.ruleId = 'SCV-NOPE-001';
    expect(() => FORMATTERS[format](input)).toThrow(/SCV-NOPE-001.*not in the catalog/);
  });
});
