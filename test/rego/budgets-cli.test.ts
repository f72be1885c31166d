/**
 * Hostile input through the CLI: a pattern that makes backtracking regular expressions explode,
 * and custom rules that run too long or grow too large. Each ends as a result, never a hang or an
 * out-of-memory kill.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../cli/run-cli.js';

interface RuleOutcome {
  ruleId: string;
  outcome: string;
  error?: string;
}

function compliantInventory(): { aws: { accounts: { id: string; iamRoles: { name: string; trustPolicy: unknown }[] }[] } } {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures/estates/compliant/inventory.json'), 'utf8'));
}

function trust(condition: Record<string, Record<string, string>>): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::793525387755:root' }, Action: 'sts:AssumeRole', Condition: condition }],
  };
}

function scanJson(args: string[]): { code: number | null; results: RuleOutcome[]; stderr: string } {
  const out = mkdtempSync(join(tmpdir(), 'scv-budget-'));
  const run = runCli(['scan', '--format', 'json', '--output-dir', join(out, 'reports'), '--fail-on', 'none', '--quiet', '--json', ...args]);
  const results = run.stdout ? (JSON.parse(run.stdout) as { results: RuleOutcome[] }).results : [];
  return { code: run.code, results, stderr: run.stderr };
}

describe('scan with hostile patterns and rules', () => {
  it('evaluates a trust policy whose StringLike external id would make a backtracking matcher run for hours', () => {
    const inv = compliantInventory();
    const roles = inv.aws.accounts[0]!.iamRoles;
    // `*a*a*...*x` against ids of 40+ "a": each extra `*a` multiplies a backtracking matcher's work.
    roles.find((r) => r.name === 'SCVProvisioningRole')!.trustPolicy = trust({ StringLike: { 'sts:ExternalId': '*a*a*a*a*a*a*a*a*a*a*a*x' } });
    roles.find((r) => r.name === 'AmazonConnectManagementRole')!.trustPolicy = trust({ StringEquals: { 'sts:ExternalId': 'a'.repeat(44) } });
    const dir = mkdtempSync(join(tmpdir(), 'scv-glob-'));
    const file = join(dir, 'inventory.json');
    writeFileSync(file, JSON.stringify(inv));
    const started = performance.now();
    const { code, results, stderr } = scanJson(['--inventory', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // The pattern does not accept the other role's id: the roles share no external id.
    expect(results.find((r) => r.ruleId === 'SCV-IAM-002')).toMatchObject({ outcome: 'fail' });
    // runCli gives up after 30 s; a backtracking matcher needs far longer than that here.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  function customRules(rego: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'scv-rule-'));
    mkdirSync(join(dir, 'custom'));
    writeFileSync(
      join(dir, 'custom', 'runaway.rego'),
      `# METADATA\n# title: Runaway rule\n# description: Never ends.\n# custom:\n#   id: CUSTOM-RUNAWAY-001\n#   severity: low\n#   remediation: None.\npackage scv.rules.custom.runaway\n\nimport rego.v1\n\n${rego}\n`,
    );
    writeFileSync(join(dir, 'scv-guard.yaml'), `policies:\n  paths: [${JSON.stringify(join(dir, 'custom'))}]\n`);
    return join(dir, 'scv-guard.yaml');
  }

  it('makes a rule past its time budget could-not-evaluate and evaluates the others', () => {
    const config = customRules(
      'deny contains {"msg": "x", "resource": {"type": "aws-account", "id": "1"}} if {\n\tcount([1 | some i in numbers.range(1, 10000000); some j in numbers.range(1, 10000000)]) > 0\n}',
    );
    const { code, results, stderr } = scanJson(['--config', config, '--inventory', join(ROOT, 'fixtures/estates/compliant/inventory.json'), '--rule-timeout', '1']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const runaway = results.find((r) => r.ruleId === 'CUSTOM-RUNAWAY-001');
    expect(runaway?.outcome).toBe('could-not-evaluate');
    expect(runaway?.error).toMatch(/eval_cancel_error: execution exceeded time limit .*--rule-timeout/);
    expect(results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(10);
  });

  it('makes a rule that grows past the heap budget could-not-evaluate instead of running out of memory', () => {
    const config = customRules(
      'deny contains {"msg": "x", "resource": {"type": "aws-account", "id": "1"}} if {\n\tpairs := [numbers.range(j, j + 200) | some i in numbers.range(1, 10000000); some j in numbers.range(1, 10000000)]\n\tcount(pairs) > 0\n}',
    );
    const { code, results, stderr } = scanJson(['--config', config, '--inventory', join(ROOT, 'fixtures/estates/compliant/inventory.json'), '--memory-limit', '300']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const runaway = results.find((r) => r.ruleId === 'CUSTOM-RUNAWAY-001');
    expect(runaway?.outcome).toBe('could-not-evaluate');
    expect(runaway?.error).toMatch(/execution exceeded memory limit of 300 MB.*--memory-limit/);
  });

  it('rejects a memory limit the process cannot have, naming the heap limit', () => {
    const run = runCli(['scan', '--inventory', join(ROOT, 'fixtures/estates/compliant/inventory.json'), '--memory-limit', '999999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--memory-limit.*not below this process's heap limit of \d+ MB/);
  });
});

describe('policy test and rego eval budgets', () => {
  it('policy test --timeout makes a test past it an error and runs the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-ptest-'));
    writeFileSync(
      join(dir, 'slow_test.rego'),
      'package slow_test\n\nimport rego.v1\n\ntest_quick if 1 == 1\n\ntest_slow if count([1 | some i in numbers.range(1, 10000000); some j in numbers.range(1, 10000000)]) > 0\n',
    );
    const run = runCli(['policy', 'test', dir, '--timeout', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR slow_test\.test_slow .*eval_cancel_error: execution exceeded time limit/);
    expect(run.stdout).toContain('PASS: 1/2');
  });

  it('rego eval --timeout interrupts a regex-heavy query with exit 2', () => {
    const run = runCli(['rego', 'eval', '--timeout', '1', 'count([1 | some i in numbers.range(1, 10000000); regex.match("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")]) > 0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/eval_cancel_error: execution exceeded time limit/);
  });
});
