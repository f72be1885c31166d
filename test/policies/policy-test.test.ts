/** `policy test` over the built-in policies, through the library and through the built CLI. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicyTests } from '../../src/engine/policy-test.js';
import { runCli } from '../cli/run-cli.js';
import { POLICIES } from './helpers.js';

describe('policy tests of the built-in policies', () => {
  it('all pass through the engine API', () => {
    const report = runPolicyTests({ dirs: [POLICIES] });
    const notPassing = report.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.package}.${r.name}: ${r.outcome} ${r.error ?? ''}`);
    expect(notPassing).toEqual([]);
    expect(report.passed).toBeGreaterThan(150);
  });

  it('all pass through `scv-guard policy test policies/`', () => {
    const run = runCli(['policy', 'test', 'policies/']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS: (\d+)\/\1$/m);
  });
});

describe('policy test on user policies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scv-policy-test-'));
  writeFileSync(
    join(dir, 'custom_test.rego'),
    [
      'package acme.custom_test',
      'import data.scv.lib.arn',
      'import rego.v1',
      'test_uses_builtin_helpers if arn.account("arn:aws:iam::123456789012:role/x") == "123456789012"',
      'test_fails if 1 == 2',
      'f(_) := 1',
      'f(_) := 2',
      'test_errors if f(0) == 1',
    ].join('\n'),
  );

  it('loads the built-in helpers, reports failures and exits 1', () => {
    const report = runPolicyTests({ dirs: [dir] });
    expect(report.results.map((r) => [r.name, r.outcome])).toEqual([
      ['test_errors', 'error'],
      ['test_fails', 'fail'],
      ['test_uses_builtin_helpers', 'pass'],
    ]);
    const run = runCli(['policy', 'test', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  acme.custom_test.test_fails');
    expect(run.stdout).toMatch(/ERROR acme\.custom_test\.test_errors .*eval_conflict_error/);
    expect(run.stdout).toMatch(/PASS: 1\/3  FAIL: 1\/3  ERROR: 1\/3/);
  });

  it('filters tests with --run', () => {
    const report = runPolicyTests({ dirs: [dir], match: /helpers/ });
    expect(report.results.map((r) => r.name)).toEqual(['test_uses_builtin_helpers']);
  });
});
