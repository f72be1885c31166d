import type { EngineName, PolicyEngine } from './types.js';
import { BuiltinRegoEngine } from './builtin.js';
import { WasmBundleEngine } from './wasm.js';

export interface EngineOptions {
  engine: EngineName;
  /** User policy directories, evaluated beside the built-in policies. */
  policyPaths: string[];
  /** Rule ids to evaluate (all when absent) and to leave out; an unknown id is an error. */
  include?: string[];
  exclude?: string[];
  /** OPA Wasm bundle (tar.gz or policy.wasm) for the wasm engine. */
  bundle?: string;
  /** Evaluation budgets of the built-in engine. */
  limits?: EvaluationLimits;
}

/** Budgets of one policy evaluation (built-in engine). */
export interface EvaluationLimits {
  /** Deadline of the whole evaluation, in ms from its start: rules not done by then are could-not-evaluate. */
  timeoutMs?: number;
  /** Time budget of each rule in ms (default DEFAULT_RULE_TIMEOUT_MS): a rule past it is could-not-evaluate. */
  ruleTimeoutMs?: number;
  /** Heap budget in MB (default: three quarters of the process's heap limit). */
  memoryLimitMb?: number;
}

export async function createEngine(opts: EngineOptions): Promise<PolicyEngine> {
  switch (opts.engine) {
    case 'builtin':
      return BuiltinRegoEngine.load(opts);
    case 'wasm':
      return WasmBundleEngine.load(opts);
  }
}
