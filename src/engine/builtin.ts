/**
 * The built-in Rego engine over policies/ and user policy dirs (src/rego/). Each rule package's
 * `deny` is evaluated separately in effect: all rules run in one evaluation (so shared helpers in
 * policies/lib/ are computed once), and when that fails each rule is retried alone, so a rule
 * that errors becomes a `could-not-evaluate` result instead of failing the scan.
 * Builtin errors follow OPA's default (non-strict) semantics, as the OPA Wasm engine does.
 */
import type { EvaluationResult, PolicyData, PolicyEngine } from './types.js';
import type { RawFinding, RuleMeta, RuleResult } from '../findings/model.js';
import type { Inventory } from '../inventory/types.js';
import type { EngineOptions } from './index.js';
import { ScvGuardError } from '../errors.js';
import { RegoError, type CompiledPolicy } from '../rego/index.js';
import { fromJSON, toJSON, type Value } from '../rego/value.js';
import { buildCatalog } from './catalog.js';
import { builtinPoliciesDir, readPolicyFiles } from './policy-files.js';
import { compilePolicyFiles } from './rego-compile.js';
import { FindingShapeError, OriginIndex, toRawFindings } from './raw-findings.js';
import { settingDefaults } from './policy-doc.js';
import { checkSettings } from './settings.js';

interface LoadedRule {
  meta: RuleMeta;
  /** Data path of the rule's deny set. */
  denyPath: string[];
}

/** Selects rules by id; an unknown id in include or exclude is a usage error naming it. */
export function selectRules(catalog: RuleMeta[], include?: string[], exclude?: string[]): RuleMeta[] {
  const known = new Set(catalog.map((r) => r.id));
  for (const [what, ids] of [
    ['include', include],
    ['exclude', exclude],
  ] as const) {
    for (const id of ids ?? []) {
      if (!known.has(id)) throw new ScvGuardError('usage', `unknown rule id ${JSON.stringify(id)} in policy ${what} (see scv-guard policy list)`);
    }
  }
  const inc = include && include.length > 0 ? new Set(include) : undefined;
  const exc = new Set(exclude ?? []);
  return catalog.filter((r) => (!inc || inc.has(r.id)) && !exc.has(r.id));
}

/** Loads and compiles the built-in policies plus user dirs, leaving test files out. */
export function loadPolicies(policyPaths: string[]): { policy: CompiledPolicy; catalog: RuleMeta[] } {
  const files = readPolicyFiles([builtinPoliciesDir(), ...policyPaths]).filter((f) => !f.isTest);
  const policy = compilePolicyFiles(files);
  return { policy, catalog: buildCatalog(policy.modules) };
}

function errorText(e: unknown): string {
  if (e instanceof RegoError || e instanceof FindingShapeError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export class BuiltinRegoEngine implements PolicyEngine {
  readonly name = 'builtin' as const;
  private readonly query: string;
  private readonly defaults: Record<string, unknown>;

  private constructor(
    private readonly policy: CompiledPolicy,
    private readonly rules: LoadedRule[],
  ) {
    this.defaults = settingDefaults(policy);
    // One array of every deny set: data["scv"]["rules"]["family"]["name"]["deny"].
    const refs = rules.map((r) => 'data' + r.denyPath.map((p) => `[${JSON.stringify(p)}]`).join(''));
    this.query = `[${refs.join(', ')}]`;
  }

  static async load(opts: EngineOptions): Promise<BuiltinRegoEngine> {
    const { policy, catalog } = loadPolicies(opts.policyPaths);
    const selected = selectRules(catalog, opts.include, opts.exclude);
    return new BuiltinRegoEngine(
      policy,
      selected.map((meta) => ({ meta, denyPath: [...meta.package.split('.'), 'deny'] })),
    );
  }

  catalog(): RuleMeta[] {
    return this.rules.map((r) => r.meta);
  }

  /** Setting defaults of the loaded policies (policies/lib/config.rego). */
  settingDefaults(): Record<string, unknown> {
    return this.defaults;
  }

  async evaluate(inventory: Inventory, data: PolicyData): Promise<EvaluationResult> {
    checkSettings(data.config, this.defaults);
    const origins = OriginIndex.of(inventory);
    // Converted once: the per-rule fallback below evaluates with the same documents up to once per rule.
    const options = { input: fromJSON(inventory), data: fromJSON(data) };
    let denySets: (Value | undefined)[] | undefined;
    if (this.rules.length > 0) {
      try {
        const results = this.policy.evaluate(this.query, options);
        const value = results[0]?.expressions[0]?.value;
        if (Array.isArray(value) && value.length === this.rules.length) denySets = value;
      } catch {
        // Some rule failed: evaluate each alone below to tell which.
      }
    }
    const findings: RawFinding[] = [];
    const results: RuleResult[] = [];
    this.rules.forEach((rule, i) => {
      const id = rule.meta.id;
      try {
        const deny = denySets ? denySets[i] : this.policy.evalRef(rule.denyPath, options);
        const found = toRawFindings(id, deny === undefined ? undefined : toJSON(deny), origins);
        findings.push(...found);
        results.push({ ruleId: id, outcome: found.length > 0 ? 'fail' : 'pass' });
      } catch (e) {
        results.push({ ruleId: id, outcome: 'could-not-evaluate', error: errorText(e) });
      }
    });
    return { findings, results };
  }
}
