/**
 * Finding and reading Rego policy files: the built-in policies/ directory (resolved from this
 * module's location, so it works from src/ under vitest and from dist/) and user directories.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScvGuardError } from '../errors.js';
import { readInputFileSync } from '../input/read.js';

export interface PolicyFile {
  /** Path as shown to users: relative to the working directory when inside it. */
  file: string;
  absolute: string;
  text: string;
  /** A `*_test.rego` file: loaded by `policy test`, never evaluated in a scan. */
  isTest: boolean;
}

/** The package root's `policies/` directory (src/engine → ../../policies, dist/engine likewise). */
export function builtinPoliciesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', '..', 'policies');
}

/** A policy file of the built-in catalog (under the package's policies/), as opposed to a custom one. */
export function isBuiltinPolicyFile(file: string): boolean {
  return resolve(file).startsWith(builtinPoliciesDir() + sep);
}

export function isTestFile(path: string): boolean {
  return path.endsWith('_test.rego');
}

/** Every .rego file under `dir` (or `dir` itself when it is a file), sorted; errors name the path. */
export function listRegoFiles(dir: string): string[] {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new ScvGuardError('input-read', 'policy path does not exist', { file: dir });
  }
  if (st.isFile()) {
    if (!dir.endsWith('.rego')) throw new ScvGuardError('usage', 'a policy file must end in .rego', { file: dir });
    return [resolve(dir)];
  }
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith('.rego')) out.push(resolve(p));
    }
  };
  walk(dir);
  return out;
}

export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : absolute;
}

/** Reads the policy files of several directories once each (a file reached twice is read once). */
export function readPolicyFiles(dirs: string[]): PolicyFile[] {
  const seen = new Set<string>();
  const out: PolicyFile[] = [];
  for (const dir of dirs) {
    for (const abs of listRegoFiles(dir)) {
      const real = realpathSync(abs);
      if (seen.has(real)) continue;
      seen.add(real);
      // Read like every input file: size limit, strict UTF-8 (a bad byte located, never U+FFFD).
      const text = readInputFileSync(displayPath(abs), { what: 'policy file' });
      out.push({ file: displayPath(abs), absolute: real, text, isTest: isTestFile(abs) });
    }
  }
  return out;
}
