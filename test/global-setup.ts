/**
 * Builds dist/ once before the test files run, when it is missing or older than src/: CLI tests
 * spawn `node bin/scv-guard.js`, which runs the compiled code. Type errors do not stop the build
 * here (tsc still emits); `npm run build` and the typecheck report them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'cli', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(entry)) return true;
  return newestMtime(join(root, 'src')) > newestMtime(join(root, 'dist'));
}

export default function setup(): void {
  if (!isStale()) return;
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', join(root, 'tsconfig.build.json')];
  // Serialize concurrent builds of the same tree (parallel test runs) when flock is available.
  const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { stdio: 'ignore' }).status === 0;
  const result = hasFlock
    ? spawnSync('flock', [join(tmpdir(), 'scv-guard-build.lock'), process.execPath, ...args], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (!existsSync(entry)) {
    throw new Error(`building dist/ failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}
