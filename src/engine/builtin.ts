import type { EvaluationResult, PolicyData, PolicyEngine } from './types.js';
import type { RuleMeta } from '../findings/model.js';
import type { Inventory } from '../inventory/types.js';
import type { EngineOptions } from './index.js';
import { ScvGuardError } from '../errors.js';

/** The built-in Rego engine over policies/ and user policy dirs (being implemented in src/rego/). */
export class BuiltinRegoEngine implements PolicyEngine {
  readonly name = 'builtin' as const;

  static async load(_opts: EngineOptions): Promise<BuiltinRegoEngine> {
    throw new ScvGuardError('engine', 'the built-in Rego engine is not available yet');
  }

  catalog(): RuleMeta[] {
    return [];
  }

  async evaluate(_inventory: Inventory, _data: PolicyData): Promise<EvaluationResult> {
    return { findings: [], results: [] };
  }
}
