import { describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_ROWS, escapeMarkdown, formatMarkdown } from '../../src/report/markdown.js';
import type { Finding } from '../../src/findings/model.js';
import { loadReportInput } from './fixture.js';

function findingRows(markdown: string): string[] {
  const start = markdown.indexOf('| Severity | Rule |');
  return markdown
    .slice(start)
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(2); // header and separator
}

/** Splits a table row on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('Markdown report', () => {
  const input = loadReportInput();
  const markdown = formatMarkdown(input);

  it('starts with counts by severity', () => {
    expect(markdown).toContain('| Critical | 1 |');
    expect(markdown).toContain('| High | 3 |');
    expect(markdown).toContain('| Waived | 1 |');
    expect(markdown).toContain('| New since baseline | 2 |');
    expect(markdown).toMatch(/4 at or above high/);
  });

  it('has one five-column row per finding, even with pipes and HTML in values', () => {
    const rows = findingRows(markdown);
    expect(rows).toHaveLength(input.findings.length);
    for (const row of rows) expect(cells(row)).toHaveLength(5);
    const flow = rows.find((r) => r.includes('SCV-FLOW-001'))!;
    expect(flow).toContain('Main \\| &lt;IVR&gt; \\*prod\\*');
    expect(flow).not.toContain('<IVR>');
    expect(cells(flow)[4]).toBe('flows/Main IVR.json:42');
    // a resource of a one-line plan is located by line and column
    const uat = rows.find((r) => r.includes('acme-uat-recordings'))!;
    expect(cells(uat)[4]).toBe('plans/uat.plan.json:1:2817');
  });

  it('marks waived findings and shows the waiver reason', () => {
    const waived = findingRows(markdown).find((r) => r.includes('legacy-recordings'))!;
    expect(cells(waived)[0]).toBe('~~High (waived)~~');
    expect(waived).toContain('Waived until 2027-03-31: KMS migration SEC-142');
  });

  it('lists rules that could not be evaluated', () => {
    expect(markdown).toMatch(/### Rules that could not be evaluated\n\n- SCV-OBS-002 Contact flow logs disabled: /);
  });

  it('escapes markup so that estate values cannot inject links, HTML or table cells', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(escapeMarkdown('a|b\nc `d` &amp;')).toBe('a\\|b c \\`d\\` &amp;amp;');
  });

  it('cuts the table after MAX_MARKDOWN_ROWS rows and says how many are left out', () => {
    const big = loadReportInput();
    const template = big.findings[1]!;
    big.findings = Array.from({ length: MAX_MARKDOWN_ROWS + 5 }, (_, i): Finding => ({
      ...template,
      resource: { ...template.resource, id: `flow-${String(i).padStart(4, '0')}` },
      fingerprint: `fp-${i}`,
    }));
    const text = formatMarkdown(big);
    expect(findingRows(text)).toHaveLength(MAX_MARKDOWN_ROWS);
    expect(text).toContain('5 more findings in the SARIF and JSON reports.');
  });

  it('lists waivers that matched no finding in a section of their own, with their place in the config', () => {
    const text = formatMarkdown(loadReportInput());
    const section = text.slice(text.indexOf('### Waivers that matched no finding'));
    expect(section.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      expect.stringMatching(/^- scv-guard\.yaml:41: waivers\\\[2\\\]: The waiver for SCV-TEL-001 on .*old-\\\* in environment uat matched no finding/),
      expect.stringMatching(/^- \/etc\/scv-guard\/shared\.yaml:7: waivers\\\[3\\\]: The waiver for SCV-DATA-001/),
    ]);
    expect(formatMarkdown({ ...loadReportInput(), unmatchedWaivers: [] })).not.toContain('matched no finding');
  });

  it('says so when there are no findings', () => {
    const clean = loadReportInput();
    clean.findings = [];
    expect(formatMarkdown(clean)).toContain('### Findings\n\nNo findings.');
  });
});
