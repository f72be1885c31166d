/** The custom-rule commands and flags: policy new/show, --no-builtin, scan --policy. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'scv-guard-custom-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const DEMO = join(ROOT, 'fixtures', 'demo', 'inventory.json');
// Several CLI runs per test.
vi.setConfig({ testTimeout: 180_000 });

describe('policy new', () => {
  it('scaffolds a rule whose METADATA declares its inputs and whose test passes', () => {
    const dir = join(work, 'scaffold');
    const made = runCli(['policy', 'new', 'ACME-CONNECT-002', '--dir', dir, '--severity', 'low']);
    expect(made.code, made.stderr).toBe(0);
    const rule = readFileSync(join(dir, 'acme', 'connect_002.rego'), 'utf8');
    expect(rule).toMatch(/#   id: ACME-CONNECT-002\n#   severity: low\n/);
    expect(rule).toMatch(/#   inputs: \[aws\.connectInstances\]/);
    expect(rule).toMatch(/^package scv\.rules\.acme\.connect_002$/m);
    const test = runCli(['policy', 'test', dir]);
    expect(test.stdout).toMatch(/PASS: 2\/2/);
    expect(test.code).toBe(0);
    // the example check fires on the demo's instances without an Owner tag, in a scan
    const scan = runCli(['scan', '--inventory', DEMO, '--policy', dir, '--format', 'json', '--output-dir', join(work, 'out'), '--fail-on', 'none', '--quiet']);
    expect(scan.code, scan.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(work, 'out', 'scv-guard.json'), 'utf8'));
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'ACME-CONNECT-002').length).toBe(4);
    // the id is now taken, and so are the files
    const again = runCli(['policy', 'new', 'ACME-CONNECT-002', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/rule id ACME-CONNECT-002 is already used/);
  });

  it('refuses a built-in id and an id that is not one', () => {
    expect(runCli(['policy', 'new', 'SCV-FLOW-001', '--dir', join(work, 'x')]).stderr).toMatch(/already used/);
    const bad = runCli(['policy', 'new', 'acme_1', '--dir', join(work, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an id like ACME-CONNECT-001/);
  });
});

describe('policy show', () => {
  it("prints a rule's metadata, the settings it reads and its source file", () => {
    const run = runCli(['policy', 'show', 'SCV-FLOW-001']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SCV-FLOW-001 {2}Contact flow invokes a Lambda function/);
    expect(run.stdout).toMatch(/source: +policies\/flows\/cross_environment_lambda\.rego:1/);
    expect(run.stdout).toMatch(/ {2}productionLambdaMarkers \(default \["prod","prd","production","live"\]\)/);
    const json = JSON.parse(runCli(['policy', 'show', 'SCV-TEL-001', '--format', 'json']).stdout);
    // the allowance in its own source; the environment tag key through estate.instances
    expect(json.settings).toEqual([
      { key: 'environmentTagKey', default: 'Environment' },
      { key: 'nonProductionPhoneNumberAllowance', default: 1 },
    ]);
  });

  it('names the settings a rule reads only through the helpers it calls, and none for a rule that reads none', () => {
    const iam = JSON.parse(runCli(['policy', 'show', 'SCV-IAM-002', '--format', 'json']).stdout);
    // the rule's source names no setting; estate.is_scv_role reads the role patterns and Salesforce's accounts
    expect(iam.settings.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['salesforceAccountIds', 'scvRoleNamePatterns']));
    expect(iam.settings.map((s: { key: string }) => s.key)).not.toContain('nonProductionPhoneNumberAllowance');
    const coll = runCli(['policy', 'show', 'SCV-COLL-001']);
    expect(coll.stdout).toMatch(/settings read, by the rule or the helpers it calls[^\n]*\n {2}none\n/);
  });

  it('exits 2 for an unknown id', () => {
    const run = runCli(['policy', 'show', 'ACME-NOPE-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no rule ACME-NOPE-1 among the loaded policies/);
  });
});

describe('the built-in library in rego eval and policy test', () => {
  const query = 'data.scv.lib.estate.bucket_ref("arn:aws:s3:::b")';
  it('rego eval resolves data.scv.lib.* unless --no-builtin', () => {
    const run = runCli(['rego', 'eval', '--format', 'raw', query]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ type: 's3-bucket', id: 'arn:aws:s3:::b' });
    const without = runCli(['rego', 'eval', '--no-builtin', query]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/undefined function data\.scv\.lib\.estate\.bucket_ref/);
  });

  it('rego eval reads the built-in policies once when -d names them too', () => {
    const run = runCli(['rego', 'eval', '-d', join(ROOT, 'policies'), '-i', DEMO, '--format', 'raw', 'count(data.scv.lib.estate.instances)']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('4\n');
  });

  it('policy test --no-builtin needs directories', () => {
    const run = runCli(['policy', 'test', '--no-builtin']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--no-builtin needs the policy directories/);
  });
});

describe('scan --policy', () => {
  it('is refused with the Wasm engine (policies go into the bundle)', () => {
    const run = runCli(['scan', '--inventory', DEMO, '--policy', work, '--engine', 'wasm', '--bundle', 'x.tar.gz']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--policy is not used with --engine wasm/);
  });
});
