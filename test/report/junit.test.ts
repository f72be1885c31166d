import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatJunit, xmlSafe } from '../../src/report/junit.js';
import { loadReportInput } from './fixture.js';

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '@_type': string; '#text': string }[];
  error?: { '@_message': string; '@_type': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

function parse(xml: string): { suite: Record<string, string>; cases: Case[] } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => name === 'testcase' || name === 'failure',
  });
  const doc = parser.parse(xml, true) as { testsuites: { testsuite: Record<string, string> & { testcase: Case[] } } };
  return { suite: doc.testsuites.testsuite, cases: doc.testsuites.testsuite.testcase };
}

describe('JUnit report', () => {
  const input = loadReportInput();
  const { suite, cases } = parse(formatJunit(input));

  it('has one testcase per catalog rule, classed by rule family', () => {
    expect(cases.map((c) => c['@_name'])).toEqual(input.catalog.map((r) => `${r.id} ${r.title}`));
    expect(cases.map((c) => c['@_classname'])).toEqual(['accounts', 'data', 'flows', 'observability', 'telephony']);
    expect(suite).toMatchObject({ '@_tests': '5', '@_failures': '3', '@_errors': '1', '@_skipped': '0' });
  });

  it('fails a rule once per active finding, typed by severity', () => {
    const data = cases[1]!;
    expect(data.failure).toHaveLength(2); // the third DATA-001 finding is waived
    expect(data.failure![0]!['@_type']).toBe('high');
    expect(data.failure![0]!['#text']).toContain('Location: plans/prod.plan.json:118\n');
    expect(data.failure![1]!['#text']).toContain('Location: plans/uat.plan.json:1:2817\n');
    expect(data['system-out']).toContain('Waived (high) until 2027-03-31: KMS migration SEC-142');
    expect(cases[2]!.failure![0]!['@_message']).toBe(input.findings[1]!.message);
  });

  it('reports a rule that could not be evaluated as an error, a passing rule as plain', () => {
    expect(cases[3]!.error).toMatchObject({ '@_type': 'could-not-evaluate' });
    expect(cases[3]!.error!['@_message']).toMatch(/^Could not be evaluated: input\.aws/);
    expect(cases[4]!.failure).toBeUndefined();
    expect(cases[4]!.error).toBeUndefined();
  });

  it('reports an incomplete rule as an error with its reason, never as a passing test case', () => {
    const partial = loadReportInput();
    partial.results = partial.results.map((r) =>
      r.ruleId === 'SCV-TEL-001' ? { ruleId: r.ruleId, outcome: 'incomplete' as const, reason: 'Found nothing, but aws.connectInstances could not be read in full.' } : r,
    );
    const parsed = parse(formatJunit(partial));
    expect(parsed.cases[4]!.error).toMatchObject({ '@_type': 'incomplete', '@_message': 'Found nothing, but aws.connectInstances could not be read in full.' });
    expect(parsed.suite['@_errors']).toBe('2');
  });

  it('skips rules that were not evaluated', () => {
    const partial = loadReportInput();
    partial.results = partial.results.filter((r) => r.ruleId !== 'SCV-TEL-001');
    const parsed = parse(formatJunit(partial));
    expect(parsed.cases[4]!.skipped).toBeDefined();
    expect(parsed.suite['@_skipped']).toBe('1');
  });

  it('stays well-formed with markup and control characters in values', () => {
    const hostile = loadReportInput();
    hostile.findings[1]!.message = 'x"]]></failure><script>alert(1)</script>\u0000\u001b\u009b\u202e end\ud800';
    const xml = formatJunit(hostile);
    expect(xml).not.toContain('<script>');
    const parsed = parse(xml);
    // Control characters shown as visible escapes, as in every text report; a lone surrogate, which XML cannot carry, as U+FFFD.
    expect(parsed.cases[2]!.failure![0]!['@_message']).toBe('x"]]></failure><script>alert(1)</script>\\x00\\x1b\\x9b\\u{202e} end\uFFFD');
  });

  it('replaces characters XML cannot carry', () => {
    expect(xmlSafe('a\u0001b\tc\ud800')).toBe('a\uFFFDb\tc\uFFFD');
  });
});
