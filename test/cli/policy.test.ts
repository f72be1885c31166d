/** `scv-guard policy list|doc|test` through the built CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_LINE } from './run-cli.js';

describe('scv-guard policy list', () => {
  it('prints id, severity and title of every rule', () => {
    const run = runCli(['policy', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+TITLE$/);
    expect(lines).toHaveLength(39);
    expect(lines).toContain('SCV-ACCT-001    critical  AWS account shared between Salesforce orgs');
  });

  it('prints the catalog as JSON', () => {
    const run = runCli(['policy', 'list', '--format', 'json']);
    expect(run.code).toBe(0);
    const rules = JSON.parse(run.stdout) as { id: string; severity: string; relatedResources: unknown[] }[];
    expect(rules).toHaveLength(38);
    expect(rules.find((r) => r.id === 'SCV-COLL-001')?.severity).toBe('high');
  });

  it('fails with one located line on a broken user policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-policy-cli-'));
    writeFileSync(join(dir, 'bad.rego'), 'package scv.rules.acme.bad\n\ndeny contains x if {\n');
    const run = runCli(['policy', 'list', '--policy-path', dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^scv-guard: error: .*bad\.rego:\d+(:\d+)?: rego_parse_error: .+\n$/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('scv-guard policy doc', () => {
  it('prints the committed docs/rules.md', () => {
    const run = runCli(['policy', 'doc']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'));
  });

  it('writes the catalog to a file with -o', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'scv-policy-doc-')), 'rules.md');
    const run = runCli(['policy', 'doc', '-o', out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('### SCV-WAIVER-001');
  });
});

describe('scv-guard policy test', () => {
  it('lists every test with -v', () => {
    const run = runCli(['policy', 'test', 'policies/lib', '-v', '--run', 'lib\\.arn\\.']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS  scv\.test\.lib\.arn\.test_account_of_role_arn \(policies\/lib\/arn_test\.rego:\d+, /m);
  });

  it('exits 2 on a missing directory', () => {
    const run = runCli(['policy', 'test', 'no-such-dir']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('scv-guard: error: no-such-dir: policy path does not exist\n');
  });
});
