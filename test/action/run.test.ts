/**
 * The GitHub Action (action.yml + dist/action/run.js) under a simulated runner: INPUT_* as
 * action.yml passes them, GITHUB_WORKSPACE, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS, ACTION_OUTPUTS, planScan } from '../../src/action/run.js';
import { ROOT } from '../cli/run-cli.js';

// Several scans per test.
vi.setConfig({ testTimeout: 180_000 });
const work = mkdtempSync(join(tmpdir(), 'scv-guard-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  outputs: Record<string, string>;
  summary: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the Scan step in a fresh workspace holding the demo inventory. */
function runStep(inputs: Record<string, string>, workspace = mkdtempSync(join(work, 'ws-'))): Step & { workspace: string } {
  copyFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), join(workspace, 'inventory.json'));
  const output = join(workspace, 'github-output');
  const summary = join(workspace, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'action', 'run.js')], { cwd: join(work), env, encoding: 'utf8', timeout: 120_000 });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { outputs, summary: readFileSync(summary, 'utf8'), code: run.status, stdout: run.stdout, stderr: run.stderr, workspace };
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

  it('declares exactly the inputs the script reads and passes each one as INPUT_*', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...ACTION_INPUTS].sort());
    const scan = action.runs.steps.find((s: { id?: string }) => s.id === 'scan');
    for (const name of ACTION_INPUTS) {
      expect(scan.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
    expect(scan.run).toBe('node "$GITHUB_ACTION_PATH/dist/action/run.js"');
  });

  it('installs from its own checkout, uploads SARIF under the scope category when asked, then gates', () => {
    expect(action.runs.using).toBe('composite');
    const [install, , upload, gate] = action.runs.steps;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/^npm ci/);
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
    expect(upload.with.category).toBe('${{ steps.scan.outputs.category }}');
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    expect(gate.if).toContain("steps.scan.outputs.exit-code != '0'");
    for (const name of Object.keys(action.outputs)) expect(ACTION_OUTPUTS).toContain(name);
  });
});

describe('the Scan step', () => {
  it('scans, writes the Markdown summary and the outputs, and leaves the gate to the last step', () => {
    const step = runStep({ inventory: 'inventory.json', 'fail-on': 'high', scope: 'nightly-prod', 'upload-sarif': 'true', formats: 'json' });
    expect(step.code, step.stderr).toBe(0);
    expect(step.outputs['exit-code']).toBe('1');
    expect(step.outputs['category']).toBe('scv-guard/nightly-prod');
    expect(step.outputs['sarif-file']).toBe(join(step.workspace, 'scv-guard-reports', 'scv-guard.sarif'));
    const sarif = JSON.parse(readFileSync(step.outputs['sarif-file']!, 'utf8'));
    expect(sarif.runs[0].automationDetails.id).toBe('scv-guard/nightly-prod/');
    expect(step.summary).toMatch(/^## scv-guard report/);
    expect(step.summary).toContain('Scope: nightly-prod');
    expect(step.stdout).toMatch(/^::error title=scv-guard::the scan found problems/m);
  });

  it('passes with fail-on none, and gates only on new findings against a baseline', () => {
    const first = runStep({ inventory: 'inventory.json', 'fail-on': 'none' });
    expect(first.outputs['exit-code']).toBe('0');
    expect(first.stdout).not.toContain('::error');
    const gate = runStep({ inventory: 'inventory.json', baseline: 'scv-guard-reports/scv-guard.json', 'fail-on-new-only': 'true' }, first.workspace);
    expect(gate.code, gate.stderr).toBe(0);
    expect(gate.outputs['exit-code']).toBe('0');
    expect(gate.summary).toMatch(/scv-guard report/);
  });

  it('fails the step (exit 2) with an annotation when the scan cannot run', () => {
    const bad = runStep({ inventory: 'missing.json' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^::error title=scv-guard::scv-guard: error: missing\.json: cannot read inventory file/m);
    expect(bad.outputs['exit-code']).toBe('2');
    // a config with several problems: one annotation each
    const workspace = mkdtempSync(join(work, 'ws-'));
    writeFileSync(join(workspace, 'scv-guard.yaml'), 'report:\n  fail0n: high\nwaivers:\n  - { rule: SCV-DATA-0001, resource: x, reason: r, expires: 2099-01-01 }\n');
    const config = runStep({ inventory: 'inventory.json', config: 'scv-guard.yaml' }, workspace);
    expect(config.code).toBe(2);
    expect(config.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      expect.stringMatching(/^::error title=scv-guard::scv-guard: error: .*scv-guard\.yaml:2: report\.fail0n: unknown key/),
      expect.stringMatching(/^::error title=scv-guard::scv-guard: error: .*scv-guard\.yaml:4: waivers\[0\]\.rule: unknown rule id "SCV-DATA-0001".*did you mean SCV-DATA-001\?$/),
    ]);
    const input = runStep({ inventory: 'inventory.json', 'upload-sarif': 'yes' });
    expect(input.code).toBe(2);
    expect(input.stdout).toMatch(/input upload-sarif: expected true or false/);
  });
});

describe('planScan', () => {
  it('maps list inputs to repeated flags and always writes Markdown (and SARIF when uploading)', () => {
    const plan = planScan({
      INPUT_CONFIG: 'scv-guard.yaml',
      INPUT_INVENTORY: 'live.json',
      INPUT_PLANS: 'plan.json\ninfra/cfn/connect.yaml',
      INPUT_FLOWS: 'flows/uat',
      INPUT_ENVIRONMENT: 'uat',
      INPUT_POLICY: 'policies-custom more-rules',
      INPUT_FAIL_ON: 'HIGH',
      INPUT_SCOPE: 'pr-gate',
      INPUT_FORMATS: 'json',
      INPUT_UPLOAD_SARIF: 'true',
    });
    expect(plan.args).toEqual([
      'scan', '--scope', 'pr-gate', '--format', 'json,markdown,sarif', '--output-dir', 'scv-guard-reports',
      '--config', 'scv-guard.yaml', '--inventory', 'live.json', '--plan', 'plan.json', 'infra/cfn/connect.yaml',
      '--flows', 'flows/uat', '--environment', 'uat', '--policy', 'policies-custom', '--policy', 'more-rules', '--fail-on', 'high',
    ]);
  });

  it('refuses fail-on-new-only without a baseline and a scope that is not a plain name', () => {
    expect(() => planScan({ INPUT_FAIL_ON_NEW_ONLY: 'true' })).toThrow(/needs the baseline input/);
    expect(() => planScan({ INPUT_SCOPE: 'a/b' })).toThrow(/input scope/);
  });
});

describe('docs/ci.md', () => {
  const page = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  const workflows = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!));
  const actionSteps = (wf: { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> }) =>
    Object.values(wf?.jobs ?? {}).flatMap((j) => j.steps ?? []).filter((s) => s.uses?.startsWith('scv-guard/scv-guard@'));

  it('uses the action with its declared inputs only, for the nightly scan and the gate', () => {
    const uses = workflows.flatMap(actionSteps);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const step of uses) for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    const gate = workflows.find((wf) => wf?.name === 'scv-guard gate');
    const gateStep = actionSteps(gate)[0]!;
    expect(gateStep.with).toMatchObject({ baseline: 'main/scv-guard.sarif', 'fail-on-new-only': true, 'upload-sarif': true });
    const nightly = workflows.find((wf) => wf?.name === 'scv-guard nightly');
    expect(actionSteps(nightly)[0]!.with).toMatchObject({ scope: 'nightly-${{ matrix.scope }}', 'upload-sarif': true });
  });

  it('installs nothing from a registry package that does not exist (unless marked "once published")', () => {
    const registryInstalls = page.split('\n').filter((l) => /npm install (--global |-g )?"?scv-guard(@|\s|"|$)/.test(l));
    expect(registryInstalls.filter((l) => !/published/.test(l))).toEqual([]);
  });
});
