import type { Inventory } from '../inventory/types.js';
import type { RawFinding, RuleMeta, RuleResult } from '../findings/model.js';

export const ENGINE_NAMES = ['builtin', 'wasm'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * The `data` document policies see besides `input`:
 * - `config`: rule settings from the scanner config (`settings:`), defaults filled in.
 * - `scanner`: facts about the run the policies may need (`now`, `waivers`, and
 *   `accountEnvironments`: the config's `aws.accounts` id → environment, which also names accounts
 *   the scan did not collect).
 */
export interface PolicyData {
  config: Record<string, unknown>;
  scanner: { now: string; waivers: unknown[]; accountEnvironments?: Record<string, string> };
}

export interface EvaluationResult {
  findings: RawFinding[];
  /** One entry per rule evaluated: fail / pass / could-not-evaluate. */
  results: RuleResult[];
}

export interface PolicyEngine {
  readonly name: EngineName;
  /** Every rule this engine will evaluate, from METADATA. */
  catalog(): RuleMeta[];
  evaluate(inventory: Inventory, data: PolicyData): Promise<EvaluationResult>;
  /** What the loaded policies know of the rule settings, to check `settings:` before a scan. */
  settingsInfo(): RuleSettingsInfo;
}

export interface RuleSettingsInfo {
  /** Defaults of the built-in settings (policies/lib/config.rego). */
  defaults: Record<string, unknown>;
  /**
   * Other keys the policies read by name (`data.config.K`); undefined when a policy reads the
   * settings as a whole, or the engine cannot tell (then any key may be read).
   */
  keysRead: ReadonlySet<string> | undefined;
}
