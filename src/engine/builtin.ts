/**
 * The built-in Rego engine over policies/ and user policy dirs (src/rego/). Each rule package's
 * `deny` is evaluated on its own, in one evaluation session (so shared helpers in policies/lib/
 * are computed once, by the first rule that needs them), each under the per-rule time budget, the
 * whole under the scan's deadline, and all under the heap budget: a rule that errors or runs past
 * a budget becomes a `could-not-evaluate` result and the scan goes on.
 * Builtin errors follow OPA's default (non-strict) semantics, as the OPA Wasm engine does.
 */
import type { EvaluationResult, PolicyData, PolicyEngine, RuleSettingsInfo } from './types.js';
import type { RawFinding, RuleMeta, RuleResult } from '../findings/model.js';
import type { Inventory } from '../inventory/types.js';
import type { EngineOptions, EvaluationLimits } from './index.js';
import { ProblemListError } from '../errors.js';
import { closestRuleId } from '../findings/waivers.js';
import { defaultHeapBudgetMb, RegoError, type CompiledPolicy } from '../rego/index.js';
import { fromJSON, toJSON } from '../rego/value.js';
import { buildCatalog } from './catalog.js';
import { builtinPoliciesDir, isBuiltinPolicyFile, readPolicyFiles } from './policy-files.js';
import { compilePolicyFiles } from './rego-compile.js';
import { FindingShapeError, OriginIndex, toIncompleteReasons, toRawFindings } from './raw-findings.js';
import { settingDefaults } from './policy-doc.js';
import { checkSettings } from './settings.js';
import { configKeysRead } from './rule-settings.js';

interface LoadedRule {
  meta: RuleMeta;
  /** Data path of the rule's deny set. */
  denyPath: string[];
  /** Data path of the rule's `incomplete` set (what it says it cannot know; most rules have none). */
  incompletePath: string[];
}

/** Rule ids in policies.include / policies.exclude that name no rule; `list` and `index` say where. */
export class RuleSelectionError extends ProblemListError {
  constructor(readonly unknown: readonly { list: 'include' | 'exclude'; index: number; id: string; message: string }[]) {
    super(
      'config',
      unknown.map((u) => ({ message: u.message, location: { path: `policies.${u.list}[${u.index}]` } })),
    );
    this.name = 'RuleSelectionError';
  }
}

/** Selects rules by id; unknown ids in include or exclude are one error naming each (with a "did you mean"). */
export function selectRules(catalog: RuleMeta[], include?: string[], exclude?: string[]): RuleMeta[] {
  const known = new Set(catalog.map((r) => r.id));
  const unknown: RuleSelectionError['unknown'][number][] = [];
  for (const [list, ids] of [
    ['include', include],
    ['exclude', exclude],
  ] as const) {
    (ids ?? []).forEach((id, index) => {
      if (known.has(id)) return;
      const near = closestRuleId(id, known);
      const hint = near !== undefined ? `; did you mean ${near}?` : '';
      unknown.push({ list, index, id, message: `unknown rule id ${JSON.stringify(id)} in policy ${list} (see scv-guard policy list)${hint}` });
    });
  }
  if (unknown.length > 0) throw new RuleSelectionError(unknown);
  const inc = include && include.length > 0 ? new Set(include) : undefined;
  const exc = new Set(exclude ?? []);
  return catalog.filter((r) => (!inc || inc.has(r.id)) && !exc.has(r.id));
}

/** Loads and compiles the built-in policies plus user dirs, leaving test files out. */
export function loadPolicies(policyPaths: string[]): { policy: CompiledPolicy; catalog: RuleMeta[] } {
  const files = readPolicyFiles([builtinPoliciesDir(), ...policyPaths]).filter((f) => !f.isTest);
  const policy = compilePolicyFiles(files);
  const catalog = buildCatalog(policy.modules).map((r) => (isBuiltinPolicyFile(r.location.file) ? r : { ...r, custom: true as const }));
  return { policy, catalog };
}

/** Per-rule time budget when none is configured. */
export const DEFAULT_RULE_TIMEOUT_MS = 60_000;

function errorText(e: unknown, limits: Required<Pick<EvaluationLimits, 'ruleTimeoutMs' | 'memoryLimitMb'>>): string {
  if (e instanceof RegoError && e.code === 'eval_cancel_error') {
    const hint = /memory/.test(e.detail) ? `heap budget ${limits.memoryLimitMb} MB (--memory-limit)` : `time budget ${limits.ruleTimeoutMs / 1000} s per rule (--rule-timeout)`;
    return `${e.message} [${hint}]`;
  }
  if (e instanceof RegoError || e instanceof FindingShapeError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export class BuiltinRegoEngine implements PolicyEngine {
  readonly name = 'builtin' as const;
  private readonly defaults: Record<string, unknown>;

  private constructor(
    private readonly policy: CompiledPolicy,
    private readonly rules: LoadedRule[],
    private readonly limits: EvaluationLimits,
  ) {
    this.defaults = settingDefaults(policy);
  }

  static async load(opts: EngineOptions): Promise<BuiltinRegoEngine> {
    const { policy, catalog } = loadPolicies(opts.policyPaths);
    const selected = selectRules(catalog, opts.include, opts.exclude);
    return new BuiltinRegoEngine(
      policy,
      selected.map((meta) => ({ meta, denyPath: [...meta.package.split('.'), 'deny'], incompletePath: [...meta.package.split('.'), 'incomplete'] })),
      opts.limits ?? {},
    );
  }

  catalog(): RuleMeta[] {
    return this.rules.map((r) => r.meta);
  }

  /** Setting defaults of the loaded policies (policies/lib/config.rego). */
  settingDefaults(): Record<string, unknown> {
    return this.defaults;
  }

  settingsInfo(): RuleSettingsInfo {
    return { defaults: this.defaults, keysRead: configKeysRead(this.policy) };
  }

  async evaluate(inventory: Inventory, data: PolicyData): Promise<EvaluationResult> {
    checkSettings(data.config, this.defaults);
    const origins = OriginIndex.of(inventory);
    const limits = {
      ruleTimeoutMs: this.limits.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS,
      memoryLimitMb: this.limits.memoryLimitMb ?? defaultHeapBudgetMb(),
    };
    const scanDeadline = this.limits.timeoutMs !== undefined ? Date.now() + this.limits.timeoutMs : undefined;
    const session = this.policy.session({ input: fromJSON(inventory), data: fromJSON(data), memoryLimitMb: limits.memoryLimitMb });
    const findings: RawFinding[] = [];
    const results: RuleResult[] = [];
    for (const rule of this.rules) {
      const id = rule.meta.id;
      if (scanDeadline !== undefined && Date.now() >= scanDeadline) {
        const error = `not evaluated: the evaluation deadline of ${this.limits.timeoutMs! / 1000} s (--timeout) was reached`;
        results.push({ ruleId: id, outcome: 'could-not-evaluate', error });
        continue;
      }
      try {
        const ruleDeadline = Date.now() + limits.ruleTimeoutMs;
        const deadline = scanDeadline !== undefined ? Math.min(scanDeadline, ruleDeadline) : ruleDeadline;
        const deny = session.evalRef(rule.denyPath, { deadline });
        const found = toRawFindings(id, deny === undefined ? undefined : toJSON(deny), origins);
        const incomplete = session.evalRef(rule.incompletePath, { deadline });
        const cannotKnow = toIncompleteReasons(incomplete === undefined ? undefined : toJSON(incomplete));
        findings.push(...found);
        results.push({ ruleId: id, outcome: found.length > 0 ? 'fail' : 'pass', ...(cannotKnow.length > 0 ? { cannotKnow } : {}) });
      } catch (e) {
        results.push({ ruleId: id, outcome: 'could-not-evaluate', error: errorText(e, limits) });
      }
    }
    return { findings, results };
  }
}
