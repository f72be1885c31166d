/**
 * `scv-guard policy test`: runs every `test_*` rule of the loaded test files, like `opa test`.
 * A test passes when its rule is defined and true; undefined or false fails; an evaluation error
 * is reported as an error. The built-in policies are loaded (unless noBuiltin) so that user tests
 * can import the shared helpers of policies/lib/.
 */
import { RegoError } from '../rego/index.js';
import { ScvGuardError } from '../errors.js';
import { builtinPoliciesDir, readPolicyFiles } from './policy-files.js';
import { compilePolicyFiles } from './rego-compile.js';

export type TestOutcome = 'pass' | 'fail' | 'error';

export interface PolicyTestResult {
  package: string;
  name: string;
  file: string;
  line: number;
  outcome: TestOutcome;
  error?: string;
  durationMs: number;
}

export interface PolicyTestReport {
  results: PolicyTestResult[];
  passed: number;
  failed: number;
  errors: number;
}

export interface PolicyTestOptions {
  /** Directories (or files) whose tests run; default: the built-in policies. */
  dirs?: string[];
  /** Only tests whose `package.name` matches this pattern. */
  match?: RegExp;
  /** Time budget of each test in ms: a test past it is an error (eval_cancel_error). */
  timeoutMs?: number;
  /** Heap budget of evaluation in MB. */
  memoryLimitMb?: number;
  /** Leave the built-in policies and their helper library out (only `dirs` are loaded). */
  noBuiltin?: boolean;
}

/** Time budget of each test when none is given on the command line. */
export const DEFAULT_TEST_TIMEOUT_MS = 60_000;

export function runPolicyTests(opts: PolicyTestOptions = {}): PolicyTestReport {
  const builtin = builtinPoliciesDir();
  const given = opts.dirs !== undefined && opts.dirs.length > 0;
  if (opts.noBuiltin && !given) throw new ScvGuardError('usage', '--no-builtin needs the policy directories whose tests run');
  const targets = readPolicyFiles(given ? opts.dirs! : [builtin]);
  const targetFiles = new Set(targets.map((f) => f.absolute));
  const all = opts.noBuiltin ? targets : [...targets, ...readPolicyFiles([builtin]).filter((f) => !targetFiles.has(f.absolute))];
  const policy = compilePolicyFiles(all);
  const shown = new Set(targets.map((f) => f.file));

  const tests = new Map<string, { pkg: string[]; name: string; file: string; line: number }>();
  for (const mod of policy.modules) {
    if (!shown.has(mod.file)) continue;
    for (const rule of mod.rules) {
      const name = rule.path?.[mod.packagePath.length];
      if (!name || !name.startsWith('test_') || rule.path!.length !== mod.packagePath.length + 1) continue;
      const key = [...mod.packagePath, name].join('.');
      if (!tests.has(key)) tests.set(key, { pkg: mod.packagePath, name, file: mod.file, line: rule.loc.row });
    }
  }

  const results: PolicyTestResult[] = [];
  for (const [key, t] of [...tests].sort(([a], [b]) => a.localeCompare(b))) {
    if (opts.match && !opts.match.test(key)) continue;
    const started = performance.now();
    let outcome: TestOutcome;
    let error: string | undefined;
    try {
      const value = policy.evalRef([...t.pkg, t.name], {
        strict: false,
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.memoryLimitMb !== undefined ? { memoryLimitMb: opts.memoryLimitMb } : {}),
      });
      outcome = value === true ? 'pass' : 'fail';
    } catch (e) {
      outcome = 'error';
      error = e instanceof RegoError ? e.message : String(e);
    }
    results.push({
      package: t.pkg.join('.'),
      name: t.name,
      file: t.file,
      line: t.line,
      outcome,
      ...(error !== undefined ? { error } : {}),
      durationMs: performance.now() - started,
    });
  }
  return {
    results,
    passed: results.filter((r) => r.outcome === 'pass').length,
    failed: results.filter((r) => r.outcome === 'fail').length,
    errors: results.filter((r) => r.outcome === 'error').length,
  };
}
