/**
 * The scan's root (`--root DIR`): the directory report locations are relative to. SARIF results
 * point only at files under it (GitHub code scanning shows alerts on files of the repository
 * alone). Default: the Git top level of the working directory, else the working directory.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ScvGuardError } from '../errors.js';

/** The nearest directory at or above `cwd` holding `.git` (a folder, or a file in worktrees and submodules). */
export function gitTopLevel(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `--root DIR` checked (an existing directory), else the default. Always absolute. */
export function scanRoot(root: string | undefined, cwd: string = process.cwd()): string {
  if (root === undefined) return gitTopLevel(cwd) ?? resolve(cwd);
  const abs = resolve(cwd, root);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new ScvGuardError('usage', `--root ${root}: expected an existing directory`);
  return abs;
}
