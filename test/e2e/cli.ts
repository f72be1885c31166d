/** Runs the built CLI (`node bin/scv-guard.js`, after `npm run build`) as a user would. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/scv-guard.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous, so servers in the test process keep answering while the CLI runs. */
export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  if (!existsSync(resolve(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  // A clean environment: no AWS/Salesforce settings leak in from the machine running the tests.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env };
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}
