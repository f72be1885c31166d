/**
 * `--format github`: every line is a GitHub workflow command as the runner parses it
 * (actions/runner ActionCommand.TryParseV2), and what the runner unescapes is what was meant.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, RuleMeta, RuleResult } from '../../src/findings/model.js';
import { FORMATTERS } from '../../src/report/index.js';
import { escapeGithubData, escapeGithubProperty, formatGithub, GITHUB_COMMAND_BY_SEVERITY } from '../../src/report/github.js';
import type { ReportInput } from '../../src/report/types.js';
import { finding, rule } from '../findings/helpers.js';

const ROOT = '/repo';
const PROPERTY_NAMES = new Set(['file', 'line', 'endLine', 'col', 'endColumn', 'title']);

/** One annotation command: `::name key=value,...::data`, values and data escaped as the runner expects. */
const COMMAND = /^::(error|warning|notice)(?: ((?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*)*))?::([^\r\n]*)$/;
const PROPERTY_VALUE = /^(?:[^%,:\r\n]|%25|%0D|%0A|%3A|%2C)*$/;
const DATA = /^(?:[^%\r\n]|%25|%0D|%0A)*$/;

/** The runner's parsing and unescaping (TryParseV2, UnescapeProperty, UnescapeData), in the runner's order. */
function parseAsRunner(line: string): { command: string; properties: Record<string, string>; data: string } {
  const message = line.trimStart();
  expect(message.startsWith('::')).toBe(true);
  const end = message.indexOf('::', 2);
  expect(end).toBeGreaterThan(2);
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info.slice(space + 1).trim().split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      const [key, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      properties[key] = unescape(value, [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']]);
    }
  }
  const data = unescape(message.slice(end + 2), [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']]);
  return { command, properties, data };
}

function unescape(text: string, mappings: [string, string][]): string {
  return mappings.reduce((out, [replacement, token]) => out.split(replacement).join(token), text);
}

const CATALOG: RuleMeta[] = [
  { ...rule('SCV-ENV-002', 'critical'), title: 'Recording bucket shared, across: environments' },
  rule('SCV-FLOW-002', 'high'),
  rule('SCV-DATA-001', 'medium'),
  rule('SCV-OBS-002', 'low'),
  rule('SCV-IAM-001', 'high'),
];

const awkwardFile = `${ROOT}/infra/a,b:c/100%/uat plan.json`;
const awkwardMessage = 'Bucket arn:aws:s3:::rec, shared by prod, uat: 100% of calls.\nUse one bucket per environment.\r\nSee ::warning:: and %0A literally.';

function input(): ReportInput {
  const findings: Finding[] = [
    finding('SCV-ENV-002', 'critical', {
      message: awkwardMessage,
      resource: { type: 'aws-s3-bucket', id: 'arn:aws:s3:::rec', arn: 'arn:aws:s3:::rec' },
      location: { file: awkwardFile, line: 7, column: 3 },
      locationIsResource: true,
      locations: [
        { file: '/elsewhere/outside.json', line: 2, kind: 'declaration' },
        { file: awkwardFile, line: 7, column: 3, kind: 'declaration' },
      ],
    }),
    finding('SCV-DATA-001', 'medium', { message: 'No KMS.', location: { file: `${ROOT}/inventory.json`, line: 40 }, locationIsResource: true, locations: [{ file: `${ROOT}/inventory.json`, line: 40, kind: 'inventory' }] }),
    finding('SCV-OBS-002', 'low', { message: 'Flow logs are off.', location: { file: '/elsewhere/inv.json', line: 3 }, locationIsResource: true }),
    finding('SCV-FLOW-002', 'high', { message: 'Waived.', waiver: { rule: 'SCV-FLOW-002', resource: 'x', reason: 'r', expires: '2099-01-01' } }),
    finding('SCV-FLOW-002', 'high', { message: 'Fixed since the baseline.', fingerprint: 'gone', baselineState: 'absent' }),
  ];
  const results: RuleResult[] = [
    { ruleId: 'SCV-ENV-002', outcome: 'fail' },
    { ruleId: 'SCV-DATA-001', outcome: 'fail' },
    { ruleId: 'SCV-OBS-002', outcome: 'fail' },
    { ruleId: 'SCV-FLOW-002', outcome: 'fail' },
    { ruleId: 'SCV-IAM-001', outcome: 'incomplete', reason: 'Found nothing, but aws.iamRoles could not be read in full.' },
  ];
  return {
    findings,
    catalog: CATALOG,
    results,
    run: { toolVersion: '0.1.0', generatedAt: '2026-11-20T12:00:00Z', scope: 'scan', failOn: 'high', engine: 'builtin', inputs: [], rootDir: ROOT },
  };
}

describe('formatGithub', () => {
  const text = formatGithub(input());
  const lines = text.split('\n');

  it('is registered as the github formatter', () => {
    expect(FORMATTERS.github).toBe(formatGithub);
  });

  it('writes only workflow commands, one per line, that follow the grammar and escaping of the runner', () => {
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(4); // the incomplete rule and three open findings; waived and fixed ones left out
    for (const line of lines) {
      const match = COMMAND.exec(line);
      expect(match, line).not.toBeNull();
      for (const pair of (match![2] ?? '').split(',').filter(Boolean)) {
        const [key, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        expect(PROPERTY_NAMES.has(key), key).toBe(true);
        expect(value, key).toMatch(PROPERTY_VALUE);
        if (key === 'line' || key === 'col') expect(value).toMatch(/^[1-9]\d*$/);
      }
      expect(match![3]).toMatch(DATA);
    }
  });

  it('round-trips messages and paths with newlines, commas, colons and percent signs', () => {
    const shared = parseAsRunner(lines.find((l) => l.includes('SCV-ENV-002'))!);
    expect(shared.command).toBe('error');
    // the first location under the root, relative to it: the one SARIF points at
    expect(shared.properties).toEqual({
      file: 'infra/a,b:c/100%/uat plan.json',
      line: '7',
      col: '3',
      title: 'SCV-ENV-002 (critical): Recording bucket shared, across: environments',
    });
    expect(shared.data).toBe(`${awkwardMessage}\nResource: aws-s3-bucket arn:aws:s3:::rec`);
  });

  it('maps severities to commands: critical and high error, medium warning, low and info notice; incomplete rules warn', () => {
    expect(GITHUB_COMMAND_BY_SEVERITY).toEqual({ critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' });
    const parsed = lines.map(parseAsRunner);
    expect(parsed.map((p) => [p.command, p.properties.title?.split(' ')[0]])).toEqual([
      ['warning', 'SCV-IAM-001'],
      ['error', 'SCV-ENV-002'],
      ['warning', 'SCV-DATA-001'],
      ['notice', 'SCV-OBS-002'],
    ]);
    expect(parsed[0]!.properties.file).toBeUndefined();
    expect(parsed[0]!.data).toBe('Found nothing, but aws.iamRoles could not be read in full.');
    expect(parsed[2]!.properties).toMatchObject({ file: 'inventory.json', line: '40' });
    // a finding with no file under the root is an annotation without a file
    expect(parsed[3]!.properties.file).toBeUndefined();
    expect(parsed[3]!.properties.line).toBeUndefined();
  });

  it('warns at each waiver that matched no finding, in the config file when it is under the root', () => {
    const withWaivers = formatGithub({
      ...input(),
      unmatchedWaivers: [
        { waiver: { rule: 'SCV-DATA-001', resource: 'arn:aws:s3:::old,bucket', reason: 'r', expires: '2099-01-01' }, index: 1, location: { file: `${ROOT}/scv-guard.yaml`, line: 12 } },
        { waiver: { rule: 'SCV-DATA-001', resource: 'x', reason: 'r', expires: '2099-01-01' }, index: 2, location: { file: '/elsewhere/c.yaml', line: 3 } },
      ],
    });
    const extra = withWaivers.split('\n').filter(Boolean).slice(text.split('\n').filter(Boolean).length).map(parseAsRunner);
    expect(extra.map((a) => [a.command, a.properties.file, a.properties.line, a.properties.title])).toEqual([
      ['warning', 'scv-guard.yaml', '12', 'waivers[1] matched no finding'],
      ['warning', undefined, undefined, 'waivers[2] matched no finding'],
    ]);
    expect(extra[0]!.data).toMatch(/^The waiver for SCV-DATA-001 on arn:aws:s3:::old,bucket matched no finding/);
  });

  it('escapes exactly as the runner unescapes', () => {
    expect(escapeGithubData('100%\r\n:,')).toBe('100%25%0D%0A:,');
    expect(escapeGithubProperty('100%\r\n:,')).toBe('100%25%0D%0A%3A%2C');
    expect(escapeGithubData('%0A')).toBe('%250A');
    expect(parseAsRunner(`::notice title=${escapeGithubProperty('%3A%2C')}::${escapeGithubData('%0D%25')}`)).toEqual({
      command: 'notice',
      properties: { title: '%3A%2C' },
      data: '%0D%25',
    });
  });
});
