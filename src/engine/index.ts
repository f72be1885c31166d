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
}

export async function createEngine(opts: EngineOptions): Promise<PolicyEngine> {
  switch (opts.engine) {
    case 'builtin':
      return BuiltinRegoEngine.load(opts);
    case 'wasm':
      return WasmBundleEngine.load(opts);
  }
}
