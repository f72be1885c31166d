/**
 * Config checks that need the policy catalog (waiver rule ids, severity overrides, rule selection,
 * rule settings) are reported with the loader's problems, all at once, each at its line.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredScan, type ConfiguredScanContext } from '../../src/scan/configured.js';
import { ProblemListError } from '../../src/errors.js';
import { loadPolicies } from '../../src/engine/builtin.js';
import { configKeysRead } from '../../src/engine/rule-settings.js';
import { compilePolicyFiles } from '../../src/engine/rego-compile.js';
import { thrownAsync } from '../support/thrown.js';

const CTX: ConfiguredScanContext = {
  defaults: { formats: [], outputDir: 'reports', failOn: 'high' },
  explicit: { formats: false, outputDir: false, failOn: false },
  engine: 'builtin',
};

function write(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scv-config-checks-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const CUSTOM_RULE = [
  '# METADATA',
  '# title: Custom rule',
  '# description: Reads a setting of its own.',
  '# custom:',
  '#   id: ACME-VOICE-001',
  '#   severity: low',
  '#   remediation: Fix it.',
  'package scv.rules.acme.voice',
  '',
  'import rego.v1',
  '',
  'deny contains {"msg": "x", "resource": {"type": "aws-account", "id": "1"}} if data.config.acmeThreshold > 3',
  '',
  'deny contains {"msg": "y", "resource": {"type": "aws-account", "id": "2"}} if object.get(data.config, "acmeMode", "") == "strict"',
  '',
].join('\n');

async function problemsOf(configText: string, files: Record<string, string> = {}): Promise<{ file: string; problems: ProblemListError['problems'] }> {
  const dir = write({ 'scv-guard.yaml': configText, ...files });
  const file = join(dir, 'scv-guard.yaml');
  const err = await thrownAsync(() => configuredScan({ config: file, inventory: ['unused.json'] }, CTX), ProblemListError);
  return { file, problems: err.problems };
}

describe('config checks against the policy catalog', () => {
  it('reports schema problems, waiver and severity rule ids and settings together, each at its line', async () => {
    const text = [
      'aws:', // 1
      '  regoins: [us-east-1]', // 2
      '  regions: [us-east-1]', // 3
      '  accounts: [{ id: "111111111111" }]', // 4
      'policies:', // 5
      '  severity:', // 6
      '    SCV-OBS-02: medium', // 7
      'settings:', // 8
      '    nonProductionPhoneNumberAlowance: 2', // 9
      '    environmentTagKey: 7', // 10
      'waivers:', // 11
      '  - { rule: SCV-DATA-001, resource: x, reason: r, expires: 2099-01-01 }', // 12
      '  - rule: SCV-DATA-0001', // 13
      '    resource: x', // 14
      '    reason: r', // 15
      '    expires: 2099-01-01', // 16
      '',
    ].join('\n');
    const { file, problems } = await problemsOf(text);
    expect(problems.map((p) => [p.location.line, p.location.path])).toEqual([
      [2, 'aws.regoins'],
      [7, 'policies.severity.SCV-OBS-02'],
      [9, 'settings.nonProductionPhoneNumberAlowance'],
      [10, 'settings.environmentTagKey'],
      [13, 'waivers[1].rule'],
    ]);
    expect(problems.every((p) => p.location.file === file)).toBe(true);
    const byPath = (path: string) => problems.find((p) => p.location.path === path)!.message;
    expect(byPath('policies.severity.SCV-OBS-02')).toMatch(/^severity override for unknown rule id "SCV-OBS-02".*did you mean SCV-OBS-002\?$/);
    expect(byPath('waivers[1].rule')).toMatch(/did you mean SCV-DATA-001\?$/);
    expect(byPath('settings.nonProductionPhoneNumberAlowance')).toMatch(/^no rule reads this setting; did you mean nonProductionPhoneNumberAllowance\?/);
    expect(byPath('settings.environmentTagKey')).toContain('expected a string (default "Environment"), got number 7');
  });

  it('locates unknown rule ids in policies.include and exclude, and still checks the waivers against the whole catalog', async () => {
    const text = ['policies:', '  exclude: [SCV-TEL-01]', 'waivers:', '  - { rule: SCV-NOPE-001, resource: x, reason: r, expires: 2099-01-01 }', ''].join('\n');
    const { problems } = await problemsOf(text);
    expect(problems.map((p) => [p.location.line, p.location.path])).toEqual([
      [2, 'policies.exclude[0]'],
      [4, 'waivers[0].rule'],
    ]);
    expect(problems[0]!.message).toMatch(/did you mean SCV-TEL-001\?$/);
  });

  it('settings a custom policy reads by name are known; a key next to them is a typo', async () => {
    const text = ['policies:', '  paths: [custom]', 'settings:', '  acmeThreshold: 5', '  acmeMode: strict', '  acmeTreshold: 4', ''].join('\n');
    const { problems } = await problemsOf(text, { 'custom/voice.rego': CUSTOM_RULE });
    expect(problems.map((p) => [p.location.line, p.location.path])).toEqual([[6, 'settings.acmeTreshold']]);
    expect(problems[0]!.message).toMatch(/did you mean acmeThreshold\?/);
  });

  it('a policy that reads the settings as a whole may read any key: none is reported', () => {
    const whole = compilePolicyFiles([{ file: 'w.rego', absolute: '/w.rego', isTest: false, text: 'package acme.lib\n\nimport rego.v1\n\nall := data.config\n' }]);
    expect(configKeysRead(whole)).toBeUndefined();
    const dynamic = compilePolicyFiles([{ file: 'd.rego', absolute: '/d.rego', isTest: false, text: 'package acme.lib\n\nimport rego.v1\n\nv(k) := data.config[k]\n' }]);
    expect(configKeysRead(dynamic)).toBeUndefined();
    // the built-in policies read settings only through data.scv.lib.config
    expect(configKeysRead(loadPolicies([]).policy)).toEqual(new Set());
  });
});
