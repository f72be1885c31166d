import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryProblems } from '../../src/inventory/validate.js';
import { emptyAwsAccount, type Inventory } from '../../src/inventory/types.js';
import { minimalInventory } from '../inventory/sample.js';
import { runCli, STACK_LINE } from './run-cli.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'inventory', name);
const demo = join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'inventory.json');

function partial(dir: string, name: string, accounts: { id: string; name: string | null }[], generatedAt = '2026-11-20T06:00:00Z'): string {
  const inv = minimalInventory(generatedAt);
  inv.aws.accounts = accounts.map((a) => emptyAwsAccount(a.id, { name: a.name }));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(inv));
  return file;
}

describe('inventory validate', () => {
  it('prints OK and the counts of a valid inventory', () => {
    const run = runCli(['inventory', 'validate', demo]);
    expect(run.code).toBe(0);
    const inv = JSON.parse(readFileSync(demo, 'utf8')) as Inventory;
    const sum = (f: (a: Inventory['aws']['accounts'][number]) => number) => inv.aws.accounts.reduce((n, a) => n + f(a), 0);
    const counts = [
      `${inv.environments.length} environments`,
      `${inv.salesforce.orgs.length} orgs`,
      `${inv.salesforce.orgs.reduce((n, o) => n + o.contactCenters.length, 0)} contact centers`,
      `${inv.aws.accounts.length} AWS accounts`,
      `${sum((a) => a.connectInstances.length)} Connect instances`,
      `${sum((a) => a.iamRoles.length)} IAM roles`,
      `${sum((a) => a.s3Buckets.length)} S3 buckets`,
    ].join(', ');
    expect(run.stdout).toMatch(new RegExp(`^OK ${demo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${counts}, \\d+ collection errors?\n$`));
  });

  it('prints every schema problem with file, line and path, and exits 2', () => {
    const inv = JSON.parse(readFileSync(demo, 'utf8'));
    inv.environments[1].tier = 'staging';
    inv.aws.accounts[2].id = '3333';
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-validate-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(inv, null, 2));
    const run = runCli(['inventory', 'validate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^scv-guard: error: .*bad\.json:\d+: \$\.environments\[1\]\.tier: expected one of "production", "non-production", got string "staging"$/),
      expect.stringMatching(/^scv-guard: error: .*bad\.json:\d+: \$\.aws\.accounts\[2\]\.id: expected a 12-digit AWS account id, got string "3333"$/),
    ]);
  });

  it('reports syntax errors on one line and exits 2', () => {
    const run = runCli(['inventory', 'validate', fixture('invalid.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/invalid\.yaml:6:\d+: invalid YAML/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('inventory merge', () => {
  it('merges partials into one valid inventory file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-merge-'));
    const a = partial(dir, 'a.json', [{ id: '111111111111', name: 'prod' }]);
    const b = partial(dir, 'b.json', [{ id: '111111111111', name: null }, { id: '222222222222', name: 'uat' }], '2026-11-20T07:00:00Z');
    const out = join(dir, 'merged.json');
    const run = runCli(['inventory', 'merge', a, b, '-o', out]);
    expect(run.code).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8'));
    expect(inventoryProblems(merged)).toEqual([]);
    expect(merged.aws.accounts.map((x: { id: string; name: string }) => [x.id, x.name])).toEqual([
      ['111111111111', 'prod'],
      ['222222222222', 'uat'],
    ]);
    expect(merged.generatedAt).toBe('2026-11-20T07:00:00Z');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json', 'merged.json']);
  });

  it('writes to stdout with -o -', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-merge-'));
    const a = partial(dir, 'a.json', [{ id: '111111111111', name: 'prod' }]);
    const run = runCli(['inventory', 'merge', a, '-o', '-']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).aws.accounts[0].id).toBe('111111111111');
  });

  it('exits 2 on a conflict, naming both files and the path, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-merge-'));
    const a = partial(dir, 'a.json', [{ id: '111111111111', name: 'prod' }]);
    const b = partial(dir, 'b.json', [{ id: '111111111111', name: 'production' }]);
    const out = join(dir, 'merged.json');
    const run = runCli(['inventory', 'merge', a, b, '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `scv-guard: error: $.aws.accounts[?(@.id=="111111111111")].name: conflicting values: "prod" in ${a} but "production" in ${b}`,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('exits 2 on a bad part and when -o is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-merge-'));
    const out = join(dir, 'merged.json');
    const bad = runCli(['inventory', 'merge', demo, fixture('wrong-types.json'), '-o', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/wrong-types\.json:146: /);
    expect(existsSync(out)).toBe(false);
    const noOut = runCli(['inventory', 'merge', demo]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/required option '-o, --out <file>' not specified/);
  });
});
