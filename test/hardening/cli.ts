/**
 * Runs the built CLI without the 30 s limit of test/cli/run-cli.ts (hardening cases run whole
 * scans, slow on a loaded machine), and lets a test signal it while it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from '../cli/run-cli.js';

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the staging folder once the CLI says it holds the staged set. */
  staged: Promise<string>;
}

export function start(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  let onStaged: (dir: string) => void = () => undefined;
  const staged = new Promise<string>((resolve) => (onStaged = resolve));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    const m = /reports staged in (.+)\n/.exec(stderr);
    if (m) onStaged(m[1]!);
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, exit, staged };
}

/** Runs the CLI to its end. */
export async function runToEnd(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const run = start(args, env);
  const ended = await run.exit;
  return { ...ended, stdout: run.stdout(), stderr: run.stderr() };
}
