import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicies } from '../../src/engine/builtin.js';
import { makeTarGz } from '../support/tar-bundle.js';
import { assembleTestModule } from '../support/wat.js';
import { ROOT, runCli, STACK_LINE } from './run-cli.js';

const demo = join(ROOT, 'fixtures', 'demo', 'inventory.json');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scv-cli-wasm-'));
});

describe('scan --engine wasm', () => {
  it('scans with an OPA Wasm bundle and gates on its findings', async () => {
    const rule = loadPolicies([]).catalog.find((r) => r.severity === 'critical')!;
    const tree: Record<string, unknown> = {};
    let node = tree;
    for (const seg of rule.package.split('.').slice(2)) node = (node[seg] = {}) as Record<string, unknown>;
    node['deny'] = [{ msg: 'shared account from the bundle', resource: { type: 'aws-account', id: '999999999999' } }];
    const bundle = join(dir, 'bundle.tar.gz');
    writeFileSync(bundle, await makeTarGz([{ name: '/policy.wasm', content: await assembleTestModule({ result: [{ result: tree }] }) }]));

    const out = join(dir, 'reports');
    const run = runCli(['scan', '--inventory', demo, '--engine', 'wasm', '--bundle', bundle, '--format', 'json', '--output-dir', out, '--fail-on', 'critical', '--quiet']);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { findings: { ruleId: string; message: string }[] };
    expect(report.findings.map((f) => [f.ruleId, f.message])).toEqual([[rule.id, 'shared account from the bundle']]);
  });

  it('exits 2 listing the entrypoints when the bundle lacks scv/rules, and writes no report', async () => {
    const bundle = join(dir, 'other.tar.gz');
    writeFileSync(bundle, await makeTarGz([{ name: '/policy.wasm', content: await assembleTestModule({ entrypoints: { 'acme/allow': 0 } }) }]));
    const out = join(dir, 'none');
    const run = runCli(['scan', '--inventory', demo, '--engine', 'wasm', '--bundle', bundle, '--format', 'sarif', '--output-dir', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `scv-guard: error: ${bundle}: bundle has no entrypoint scv/rules (it has: acme/allow); build it with \`opa build -t wasm -e scv/rules\``,
    );
    expect(existsSync(join(out, 'scv-guard.sarif'))).toBe(false);
  });
});
