/**
 * The GitHub Action's scan step (action.yml at the repository root runs `node dist/action/run.js`).
 * It turns the action's inputs (INPUT_* variables, set by action.yml) into one `scv-guard scan`,
 * appends the Markdown report to $GITHUB_STEP_SUMMARY, and writes the step outputs (exit-code,
 * sarif-file, category, report-dir) to $GITHUB_OUTPUT. It exits 0 when the scan ran, whatever it
 * found, so that SARIF is uploaded before the action's last step fails the job by the gate;
 * it exits 2 when the scan could not run (bad inputs, config or input files).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeGithubData } from '../report/github.js';

/** The action's inputs, as action.yml passes them (INPUT_<NAME>, dashes as underscores). */
export const ACTION_INPUTS = [
  'config',
  'inventory',
  'plans',
  'flows',
  'environment',
  'policy',
  'fail-on',
  'baseline',
  'fail-on-new-only',
  'scope',
  'formats',
  'output-dir',
  'upload-sarif',
] as const;
export type ActionInput = (typeof ACTION_INPUTS)[number];

export const ACTION_OUTPUTS = ['exit-code', 'sarif-file', 'category', 'report-dir'] as const;

class ActionInputError extends Error {}

type Env = Record<string, string | undefined>;

function input(env: Env, name: ActionInput): string {
  return (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

/** A list input: one value per line, or several on a line separated by spaces. */
function listInput(env: Env, name: ActionInput): string[] {
  return input(env, name).split(/\s+/).filter(Boolean);
}

function boolInput(env: Env, name: ActionInput): boolean {
  const value = input(env, name).toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ActionInputError(`input ${name}: expected true or false, got ${JSON.stringify(value)}`);
}

export interface ScanPlan {
  args: string[];
  outputDir: string;
  scope: string;
  uploadSarif: boolean;
}

/** The `scv-guard scan` arguments for the inputs; paths are relative to the workspace. */
export function planScan(env: Env): ScanPlan {
  const scope = input(env, 'scope') || 'scan';
  if (!/^[A-Za-z0-9._-]+$/.test(scope)) {
    throw new ActionInputError(`input scope: expected letters, digits, '.', '_' or '-', got ${JSON.stringify(scope)}`);
  }
  const uploadSarif = boolInput(env, 'upload-sarif');
  const outputDir = input(env, 'output-dir') || 'scv-guard-reports';
  const formats = new Set((input(env, 'formats') || 'sarif,json,markdown').split(',').map((f) => f.trim()).filter(Boolean));
  // The step summary needs the Markdown report and the upload the SARIF one.
  formats.add('markdown');
  if (uploadSarif) formats.add('sarif');
  const args = ['scan', '--scope', scope, '--format', [...formats].join(','), '--output-dir', outputDir];
  const config = input(env, 'config');
  if (config) args.push('--config', config);
  const inventory = listInput(env, 'inventory');
  if (inventory.length > 0) args.push('--inventory', ...inventory);
  const plans = listInput(env, 'plans');
  if (plans.length > 0) args.push('--plan', ...plans);
  const flows = input(env, 'flows');
  if (flows) args.push('--flows', flows);
  const environment = input(env, 'environment');
  if (environment) args.push('--environment', environment);
  for (const dir of listInput(env, 'policy')) args.push('--policy', dir);
  const failOn = input(env, 'fail-on');
  if (failOn) args.push('--fail-on', failOn.toLowerCase());
  const baseline = input(env, 'baseline');
  if (baseline) args.push('--baseline', baseline);
  if (boolInput(env, 'fail-on-new-only')) {
    if (!baseline) throw new ActionInputError('input fail-on-new-only needs the baseline input');
    args.push('--fail-on-new-only');
  }
  return { args, outputDir, scope, uploadSarif };
}

/** The package root (dist/action → ../..). */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

function setOutput(env: Env, name: (typeof ACTION_OUTPUTS)[number], value: string): void {
  if (env['GITHUB_OUTPUT']) appendFileSync(env['GITHUB_OUTPUT'], `${name}=${value}\n`);
}

/** Runs the step; returns the process exit code of the step (0 when the scan ran). */
export function runAction(env: Env): number {
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  let plan: ScanPlan;
  try {
    plan = planScan(env);
  } catch (e) {
    if (!(e instanceof ActionInputError)) throw e;
    process.stdout.write(`::error title=scv-guard::${escapeGithubData(e.message)}\n`);
    return 2;
  }
  const scan = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'scv-guard.js'), ...plan.args], {
    cwd: workspace,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  process.stderr.write(scan.stderr ?? '');
  const code = scan.status ?? 2;
  if (code !== 0 && code !== 1) {
    // Every error line (a config with several problems has one each), else the last line.
    const lines = (scan.stderr ?? '').trim().split('\n');
    const errors = lines.filter((l) => l.startsWith('scv-guard: error: '));
    const messages = errors.length > 0 ? errors : [lines.pop() || `scv-guard exited with ${code}`];
    for (const message of messages) process.stdout.write(`::error title=scv-guard::${escapeGithubData(message)}\n`);
    setOutput(env, 'exit-code', String(code));
    return 2;
  }
  const reportDir = isAbsolute(plan.outputDir) ? plan.outputDir : join(workspace, plan.outputDir);
  const markdown = join(reportDir, 'scv-guard.md');
  if (env['GITHUB_STEP_SUMMARY'] && existsSync(markdown)) {
    appendFileSync(env['GITHUB_STEP_SUMMARY'], readFileSync(markdown, 'utf8') + '\n');
  }
  const sarif = join(reportDir, 'scv-guard.sarif');
  setOutput(env, 'exit-code', String(code));
  setOutput(env, 'report-dir', reportDir);
  setOutput(env, 'sarif-file', existsSync(sarif) ? sarif : '');
  // One code-scanning category per scope, matching the SARIF automationDetails.id.
  setOutput(env, 'category', `scv-guard/${plan.scope}`);
  if (code === 1) process.stdout.write(`::error title=scv-guard::the scan found problems at or above the gate (scope ${plan.scope}); see the step summary\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runAction(process.env);
}
